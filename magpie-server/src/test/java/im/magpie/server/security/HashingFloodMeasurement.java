package im.magpie.server.security;

import im.magpie.protocol.proto.ChangePasswordRequest;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.LoginRequest;
import im.magpie.server.account.AccountSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2's numbers, measured: one connection pipelines 400 password changes while
 * another user logs in with a password, with the production Argon2id cost (19 MiB, 2 iterations)
 * and two hashing threads. Not part of the build (the name matches no test pattern); run with
 * {@code ./mvnw -q -B -pl magpie-server -am test -Dtest=HashingFloodMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints the login latencies without and during the flood and how long the flood took to be
 * answered; asserts nothing.
 */
class HashingFloodMeasurement {
    private static final int FLOOD = 400;
    private static final int LOGINS = 5;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static long loginNanos(TestServer server) {
        try (RawClient c = RawClient.connect(server)) {
            long start = System.nanoTime();
            c.send(Frame.newBuilder().setId(1).setLogin(LoginRequest.newBuilder()
                    .setUsername("bob").setPassword("password-123").setDeviceName("m")).build());
            Frame f = c.awaitResponse(1, WAIT);
            long took = System.nanoTime() - start;
            if (!f.hasLoginOk()) throw new IllegalStateException("login failed: " + f);
            return took;
        }
    }

    private static String stats(String what, List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return String.format("%-40s median %8.1f ms   max %8.1f ms   (n=%d)", what,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() - 1) / 1e6, sorted.size());
    }

    @Test
    void login_latency_during_a_flood_of_password_changes() {
        try (TestServer server = TestServer.builder()
                .set(AccountSettings.ARGON2_MEMORY_KIB, AccountSettings.ARGON2_MEMORY_KIB.defaultText())
                .set(AccountSettings.ARGON2_ITERATIONS, AccountSettings.ARGON2_ITERATIONS.defaultText())
                .set(AccountSettings.HASHING_THREADS, 2).start();
             RawClient flood = RawClient.registered(server, "mallory")) {
            RawClient.registered(server, "bob").close();
            List<Long> quiet = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) quiet.add(loginNanos(server));

            long start = System.nanoTime();
            for (long id = 1000; id < 1000 + FLOOD; id++) {
                flood.send(Frame.newBuilder().setId(id).setChangePassword(ChangePasswordRequest.newBuilder()
                        .setOldPassword("password-123").setNewPassword("password-123")).build());
            }
            List<Long> during = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) during.add(loginNanos(server));
            int refused = 0;
            for (long id = 1000; id < 1000 + FLOOD; id++) {
                if (flood.awaitResponse(id, WAIT).hasError()) refused++;
            }
            long floodNanos = System.nanoTime() - start;
            System.out.println(stats("password login, no flood", quiet));
            System.out.println(stats("password login, during the flood", during));
            System.out.printf("flood of %d pipelined password changes answered in %.1f ms, %d refused at once%n",
                    FLOOD, floodNanos / 1e6, refused);
        }
    }
}
