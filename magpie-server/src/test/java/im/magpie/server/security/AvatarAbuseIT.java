package im.magpie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.SetAvatarRequest;
import im.magpie.protocol.proto.UpdateGroupRequest;
import im.magpie.server.social.SocialSettings;
import im.magpie.testkit.ManualClock;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 10: avatars are rate-limited per user, pictures nobody uses are deleted, and
 * images declaring a zero or absurd size are refused from their header.
 */
class AvatarAbuseIT {

    /** A small picture, different for each {@code seed}. */
    static byte[] picture(int seed) {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(seed * 7919 & 0xFFFFFF));
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        return encode(img, "png");
    }

    private static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(img, format, out)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return b.putInt((int) crc.getValue()).array();
    }

    /** A PNG whose header declares width x height (the pixel data is a few zeros). */
    static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[1024]);
        deflater.finish();
        byte[] buf = new byte[1024];
        out.writeBytes(chunk("IDAT", Arrays.copyOf(buf, deflater.deflate(buf))));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A valid JPEG whose frame header (SOF0) is rewritten to declare this height. */
    static byte[] jpegDeclaringHeight(int height) {
        byte[] jpeg = encode(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg");
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) { // SOF0: length(2) precision(1) height(2)
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 in the JPEG");
    }

    private static Frame setAvatar(RawClient c, byte[] bytes) {
        return c.request(Frame.newBuilder().setSetAvatar(SetAvatarRequest.newBuilder().setImage(ByteString.copyFrom(bytes))));
    }

    private static int storedPictures(TestServer server, String hash) {
        return server.server().context().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM avatars WHERE avatar_hash = :h").bind("h", hash).mapTo(Integer.class).one());
    }

    private static int allStoredPictures(TestServer server) {
        return server.server().context().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM avatars").mapTo(Integer.class).one());
    }

    @Test
    void avatar_changes_are_limited_per_user_per_hour() {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.builder().clock(clock).set(SocialSettings.AVATAR_CHANGES_PER_HOUR, 3).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            for (int i = 0; i < 3; i++) assertThat(setAvatar(alice, picture(i)).hasProfile()).isTrue();
            Frame limited = setAvatar(alice, picture(3));
            assertThat(limited.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(limited.getError().getRetryAfterSeconds()).isBetween(1, 3600);
            // a group picture counts as an upload too
            Frame group = alice.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("g").setJoinPolicy(JoinPolicy.OPEN).setAvatar(ByteString.copyFrom(picture(4)))));
            assertThat(group.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(setAvatar(bob, picture(5)).hasProfile()).as("other users are not affected").isTrue();
            clock.advance(Duration.ofHours(1));
            assertThat(setAvatar(alice, picture(6)).hasProfile()).isTrue();
        }
    }

    @Test
    void pictures_nobody_uses_any_more_are_deleted_and_shared_ones_kept() {
        ManualClock clock = new ManualClock();
        Duration afterGrace = Duration.ofMinutes(2); // the grace period below is one minute
        try (TestServer server = TestServer.builder().clock(clock).set(SocialSettings.AVATAR_UNUSED_KEEP_MINUTES, 1)
                .set(SocialSettings.AVATAR_CHANGES_PER_HOUR, 1000).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            String shared = setAvatar(alice, picture(1)).getProfile().getAvatarHash();
            assertThat(setAvatar(bob, picture(1)).getProfile().getAvatarHash()).isEqualTo(shared);
            String own = setAvatar(alice, picture(2)).getProfile().getAvatarHash();
            for (int i = 3; i < 30; i++) {
                clock.advance(afterGrace);
                setAvatar(alice, picture(i));
            }
            assertThat(storedPictures(server, shared)).as("bob still uses it").isEqualTo(1);
            assertThat(storedPictures(server, own)).isZero();
            assertThat(allStoredPictures(server)).isEqualTo(2); // bob's and alice's current one

            Frame created = alice.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("g").setJoinPolicy(JoinPolicy.OPEN).setAvatar(ByteString.copyFrom(picture(40)))));
            long gid = created.getGroupInfo().getGroupId();
            String groupPicture = created.getGroupInfo().getAvatarHash();
            clock.advance(afterGrace);
            alice.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder().setGroupId(gid)
                    .setAvatar(ByteString.copyFrom(picture(41)))));
            clock.advance(afterGrace);
            setAvatar(bob, picture(42)); // any later upload sweeps
            assertThat(storedPictures(server, groupPicture)).isZero();
            assertThat(storedPictures(server, shared)).isZero();
            assertThat(allStoredPictures(server)).isEqualTo(3); // alice's, bob's, the group's
        }
    }

    @Test
    void images_declaring_a_zero_or_absurd_size_are_refused_and_nothing_is_stored() {
        try (TestServer server = TestServer.start(); RawClient alice = RawClient.registered(server, "alice")) {
            for (byte[] bad : new byte[][] {pngDeclaring(0, 64), pngDeclaring(64, 0), pngDeclaring(1, 1_000_000),
                    pngDeclaring(Integer.MAX_VALUE, Integer.MAX_VALUE), jpegDeclaringHeight(0), jpegDeclaringHeight(65_000)}) {
                Frame refused = setAvatar(alice, bad);
                assertThat(refused.getError().getCode()).isIn(ErrorCode.BAD_REQUEST, ErrorCode.TOO_LARGE);
            }
            assertThat(allStoredPictures(server)).isZero();
        }
    }
}
