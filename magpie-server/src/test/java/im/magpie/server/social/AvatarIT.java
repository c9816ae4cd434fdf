package im.magpie.server.social;

import static im.magpie.server.social.SocialTestSupport.assertError;
import static im.magpie.server.social.SocialTestSupport.befriend;
import static im.magpie.server.social.SocialTestSupport.expectNoPush;
import static im.magpie.server.social.SocialTestSupport.expectPush;
import static im.magpie.server.social.SocialTestSupport.sendRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.Avatar;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetAvatarRequest;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.SetAvatarRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvatarIT {

    static List<TestDatabase> databases() {
        return SocialTestSupport.databases();
    }

    // --- crafted images -----------------------------------------------------------------------

    static byte[] image(String format, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(img, format, out)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG chunk: length, type, data, CRC over type and data. */
    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** A few hundred bytes declaring a width x height RGB bitmap: a decompression bomb when large. */
    static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[64 * 1024]); // zeros: compresses to almost nothing
        deflater.finish();
        byte[] buf = new byte[1024];
        int n = deflater.deflate(buf);
        out.writeBytes(chunk("IDAT", Arrays.copyOf(buf, n)));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A valid PNG whose header is rewritten to claim a larger size than its pixel data holds. */
    static byte[] pngLyingAboutItsSize() {
        byte[] png = image("png", 10, 10);
        ByteBuffer b = ByteBuffer.wrap(png);
        // signature (8), IHDR length (4), "IHDR" (4), then width and height
        b.putInt(16, 100).putInt(20, 100);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return png;
    }

    // --- helpers --------------------------------------------------------------------------------

    private static Frame setAvatar(RawClient c, byte[] bytes) {
        return c.request(Frame.newBuilder().setSetAvatar(SetAvatarRequest.newBuilder().setImage(ByteString.copyFrom(bytes))));
    }

    private static Frame getAvatar(RawClient c, String hash) {
        return c.request(Frame.newBuilder().setGetAvatar(GetAvatarRequest.newBuilder().setAvatarHash(hash)));
    }

    private static String currentHash(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getAvatarHash();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // --- tests ------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void png_and_jpeg_are_stored_as_a_128_pixel_png_addressed_by_its_hash(TestDatabase db) throws Exception {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            Profile p = setAvatar(alice, image("png", 300, 200)).getProfile();
            assertThat(p.getAvatarHash()).matches("[0-9a-f]{64}");
            Avatar avatar = getAvatar(alice, p.getAvatarHash()).getAvatar();
            assertThat(avatar.getMimeType()).isEqualTo("image/png");
            assertThat(sha256(avatar.getImage().toByteArray())).isEqualTo(p.getAvatarHash());
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(avatar.getImage().toByteArray()));
            assertThat(decoded.getWidth()).isEqualTo(128);
            assertThat(decoded.getHeight()).isEqualTo(128);

            Profile jpeg = setAvatar(alice, image("jpeg", 1024, 1024)).getProfile();
            assertThat(jpeg.getAvatarHash()).isNotEqualTo(p.getAvatarHash());
            assertThat(currentHash(alice)).isEqualTo(jpeg.getAvatarHash());
            Profile tiny = setAvatar(alice, image("png", 16, 16)).getProfile();
            BufferedImage up = ImageIO.read(new ByteArrayInputStream(getAvatar(alice, tiny.getAvatarHash()).getAvatar().getImage().toByteArray()));
            assertThat(up.getWidth()).isEqualTo(128);

            // the same picture from someone else is the same address
            Profile same = setAvatar(bob, image("png", 16, 16)).getProfile();
            assertThat(same.getAvatarHash()).isEqualTo(tiny.getAvatarHash());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_avatar_is_served_to_the_user_friends_and_request_parties_but_not_strangers(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol");
             RawClient dave = RawClient.registered(server, "dave")) {
            befriend(alice, bob, "bob");
            String hash = setAvatar(alice, image("png", 64, 64)).getProfile().getAvatarHash();
            Frame pushed = expectPush(bob, Frame::hasProfileChanged, "bob sees the new avatar");
            assertThat(pushed.getProfileChanged().getProfile().getAvatarHash()).isEqualTo(hash);
            expectNoPush(carol, Frame::hasProfileChanged, Duration.ofMillis(300));

            assertThat(getAvatar(alice, hash).hasAvatar()).isTrue();
            assertThat(getAvatar(bob, hash).hasAvatar()).isTrue();
            assertError(getAvatar(carol, hash), ErrorCode.NOT_FOUND);
            sendRequest(dave, "alice", "hi");
            assertThat(getAvatar(dave, hash).hasAvatar()).as("someone asking to be a friend sees the face").isTrue();
            assertError(getAvatar(carol, "0".repeat(64)), ErrorCode.NOT_FOUND);
            assertError(getAvatar(carol, "not-a-hash"), ErrorCode.BAD_REQUEST);
        }
    }

    @Test
    void files_that_are_not_images_are_truncated_or_lie_about_their_size_are_refused_and_change_nothing() {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice")) {
            String good = setAvatar(alice, image("png", 50, 50)).getProfile().getAvatarHash();

            assertError(setAvatar(alice, "just some text, named avatar.png".getBytes(StandardCharsets.UTF_8)), ErrorCode.BAD_REQUEST);
            assertError(setAvatar(alice, new byte[0]), ErrorCode.BAD_REQUEST);
            byte[] png = image("png", 200, 200);
            assertError(setAvatar(alice, Arrays.copyOf(png, png.length / 2)), ErrorCode.BAD_REQUEST);
            byte[] jpeg = image("jpeg", 200, 200);
            assertError(setAvatar(alice, Arrays.copyOf(jpeg, jpeg.length / 2)), ErrorCode.BAD_REQUEST);
            assertError(setAvatar(alice, Arrays.copyOf(png, 40)), ErrorCode.BAD_REQUEST);
            assertError(setAvatar(alice, pngLyingAboutItsSize()), ErrorCode.BAD_REQUEST);
            byte[] gif = image("gif", 20, 20);
            assertError(setAvatar(alice, gif), ErrorCode.BAD_REQUEST);

            assertThat(currentHash(alice)).isEqualTo(good);
        }
    }

    @Test
    void images_too_big_in_bytes_or_pixels_and_decompression_bombs_are_refused_without_decoding() {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice")) {
            assertError(setAvatar(alice, image("png", 1025, 1025)), ErrorCode.TOO_LARGE);
            assertError(setAvatar(alice, image("png", 1024, 1025)), ErrorCode.TOO_LARGE);

            byte[] noise = new byte[256 * 1024 + 1];
            new Random(1).nextBytes(noise);
            System.arraycopy(image("png", 8, 8), 0, noise, 0, 8);
            assertError(setAvatar(alice, noise), ErrorCode.TOO_LARGE);

            byte[] bomb = pngDeclaring(30_000, 30_000); // 2.7 GB of pixels in a few hundred bytes
            assertThat(bomb.length).isLessThan(1024);
            long started = System.nanoTime();
            Frame refused = setAvatar(alice, bomb);
            assertError(refused, ErrorCode.TOO_LARGE);
            assertThat(refused.getError().getMessage()).contains("30000x30000");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused from the header, not decoded")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(currentHash(alice)).isEmpty();
            // the server is still fine
            assertThat(setAvatar(alice, image("png", 1024, 1024)).hasProfile()).isTrue();
        }
    }
}
