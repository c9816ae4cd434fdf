package im.magpie.server.social;

import static im.magpie.server.social.SocialTestSupport.awaitPush;
import static im.magpie.server.social.SocialTestSupport.befriend;
import static im.magpie.server.social.SocialTestSupport.id;
import static im.magpie.server.social.SocialTestSupport.presenceOf;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.FriendRequestState;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.SetAvatarRequest;
import im.magpie.protocol.proto.SetStatusRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Latencies of the social feature on one machine (loopback, H2). Not part of the build (the name
 * matches no test pattern); run with
 * {@code ./mvnw -q -B -pl magpie-server -am test -Dtest=SocialMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints median and max in milliseconds; asserts nothing.
 */
class SocialMeasurement {
    private static final int ROUNDS = 30;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static String stats(String what, LongSupplier sampleNanos) {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) samples.add(sampleNanos.getAsLong());
        Collections.sort(samples);
        return String.format("%-45s median %7.2f ms   p90 %7.2f ms   max %7.2f ms   (n=%d)", what,
                samples.get(samples.size() / 2) / 1e6, samples.get(samples.size() * 9 / 10) / 1e6,
                samples.get(samples.size() - 1) / 1e6, samples.size());
    }

    @Test
    void measure() {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            befriend(alice, bob, "bob");
            long b = id(bob);
            awaitPush(alice, presenceOf(b, PresenceStatus.ONLINE), WAIT);
            List<String> report = new ArrayList<>();
            PresenceStatus[] next = {PresenceStatus.AWAY};
            report.add(stats("status change -> friend's PresenceChanged", () -> {
                PresenceStatus s = next[0];
                next[0] = s == PresenceStatus.AWAY ? PresenceStatus.BUSY : PresenceStatus.AWAY;
                long t0 = System.nanoTime();
                bob.send(Frame.newBuilder().setId(999).setSetStatus(SetStatusRequest.newBuilder().setStatus(s)).build());
                awaitPush(alice, presenceOf(b, s), WAIT).orElseThrow();
                return System.nanoTime() - t0;
            }));
            bob.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.ONLINE)));
            awaitPush(alice, presenceOf(b, PresenceStatus.ONLINE), WAIT);
            RawClient[] second = new RawClient[1];
            bob.close();
            awaitPush(alice, presenceOf(b, PresenceStatus.OFFLINE), WAIT);
            report.add(stats("login (password) -> friend's ONLINE push", () -> {
                second[0] = RawClient.connect(server);
                long t0 = System.nanoTime();
                second[0].send(Frame.newBuilder().setId(1).setLogin(im.magpie.protocol.proto.LoginRequest.newBuilder()
                        .setUsername("bob").setPassword("password-123").setDeviceName("m")).build());
                awaitPush(alice, presenceOf(b, PresenceStatus.ONLINE), WAIT).orElseThrow();
                long t = System.nanoTime() - t0;
                second[0].close();
                awaitPush(alice, presenceOf(b, PresenceStatus.OFFLINE), WAIT).orElseThrow();
                return t;
            }));
            report.add(stats("socket close -> friend's OFFLINE push", () -> {
                RawClient c = SocialTestSupport.login(server, "bob");
                awaitPush(alice, presenceOf(b, PresenceStatus.ONLINE), WAIT).orElseThrow();
                long t0 = System.nanoTime();
                c.close();
                awaitPush(alice, presenceOf(b, PresenceStatus.OFFLINE), WAIT).orElseThrow();
                return System.nanoTime() - t0;
            }));
            int[] n = {0};
            report.add(stats("friend request -> target's EventPush", () -> {
                String name = "target" + (n[0]++);
                try (RawClient target = RawClient.registered(server, name)) {
                    long t0 = System.nanoTime();
                    alice.send(Frame.newBuilder().setId(5).setSendFriendRequest(
                            im.magpie.protocol.proto.SendFriendRequest.newBuilder().setUsername(name)).build());
                    awaitPush(target, SocialTestSupport.friendRequestEvent(FriendRequestState.PENDING), WAIT).orElseThrow();
                    return System.nanoTime() - t0;
                }
            }));
            byte[] png = AvatarIT.image("png", 1024, 1024);
            byte[] jpeg = AvatarIT.image("jpeg", 1024, 1024);
            byte[] bomb = AvatarIT.pngDeclaring(30_000, 30_000);
            RawClient dave = RawClient.registered(server, "dave");
            report.add(stats("SetAvatar 1024x1024 PNG (" + png.length / 1024 + " KiB) round trip", () -> avatar(dave, png)));
            report.add(stats("SetAvatar 1024x1024 JPEG (" + jpeg.length / 1024 + " KiB) round trip", () -> avatar(dave, jpeg)));
            report.add(stats("SetAvatar 30000x30000 bomb (" + bomb.length + " B) refused", () -> avatar(dave, bomb)));
            dave.close();
            System.out.println("\n=== SocialMeasurement (" + Runtime.getRuntime().availableProcessors() + " cpus) ===");
            report.forEach(System.out::println);
        }
    }

    private static long avatar(RawClient c, byte[] image) {
        long t0 = System.nanoTime();
        c.request(Frame.newBuilder().setSetAvatar(SetAvatarRequest.newBuilder().setImage(ByteString.copyFrom(image))));
        return System.nanoTime() - t0;
    }
}
