package im.magpie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ChangePasswordRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.LoginRequest;
import im.magpie.server.account.AccountSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 2: one connection cannot starve every password login. The hashing threads are
 * held busy by the test (a latch), so what the server answers <em>before</em> any hash finishes
 * shows what it queued and what it refused: no timing involved.
 */
class HashingFairnessIT {
    private static final int HASHING_THREADS = 2;
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    private static TestServer.Builder server() {
        return TestServer.builder().set(AccountSettings.HASHING_THREADS, HASHING_THREADS);
    }

    /** Occupies every hashing thread until the returned latch is opened. */
    private static CountDownLatch holdHashingThreads(TestServer server) {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(HASHING_THREADS);
        ExecutorService hashing = server.server().context().hashing();
        for (int i = 0; i < HASHING_THREADS; i++) {
            hashing.execute(() -> {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            held.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return release;
    }

    private static void awaitQueued(TestServer server, int requests) {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) server.server().context().hashing();
        Awaitility.await().atMost(AT_ONCE).until(() -> pool.getQueue().size() == requests);
    }

    private static Frame changePassword(long id) {
        return Frame.newBuilder().setId(id).setChangePassword(ChangePasswordRequest.newBuilder()
                .setOldPassword("password-123").setNewPassword("password-456")).build();
    }

    private static Frame login(long id, String username) {
        return Frame.newBuilder().setId(id).setLogin(LoginRequest.newBuilder()
                .setUsername(username).setPassword("password-123").setDeviceName("test")).build();
    }

    @Test
    void a_flood_of_pipelined_password_changes_is_refused_beyond_one_in_flight_and_another_login_goes_next()
            throws Exception {
        try (TestServer server = server().start();
             RawClient flood = RawClient.registered(server, "mallory")) {
            RawClient.registered(server, "bob").close();
            CountDownLatch release = holdHashingThreads(server);
            int n = 300;
            for (long id = 1000; id < 1000 + n; id++) flood.send(changePassword(id));
            // All but the first are answered while no hash can finish: refused at once, not queued.
            for (long id = 1001; id < 1000 + n; id++) {
                Frame answer = flood.awaitResponse(id, AT_ONCE);
                assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(answer.getError().getRetryAfterSeconds()).isPositive();
            }
            try (RawClient victim = RawClient.connect(server)) {
                victim.send(login(1, "bob"));
                release.countDown();
                // Queued behind at most one request of the flood: it is answered, and well.
                assertThat(victim.awaitResponse(1, AT_ONCE).hasLoginOk()).isTrue();
                assertThat(flood.awaitResponse(1000, AT_ONCE).hasError()).isFalse();
            }
        }
    }

    @Test
    void password_work_for_one_account_is_bounded_over_all_its_connections() {
        try (TestServer server = server().set(AccountSettings.HASHING_PER_ACCOUNT, 1).start();
             RawClient first = RawClient.registered(server, "alice");
             RawClient second = RawClient.connect(server)) {
            assertThat(second.login("alice", "password-123").hasLoginOk()).isTrue();
            CountDownLatch release = holdHashingThreads(server);
            first.send(changePassword(7));
            awaitQueued(server, 1);
            second.send(changePassword(8));
            Frame refused = second.awaitResponse(8, AT_ONCE);
            assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
            release.countDown();
            assertThat(first.awaitResponse(7, AT_ONCE).hasError()).isFalse();
        }
    }

    @Test
    void a_full_hashing_queue_is_answered_unavailable_at_once_with_a_retry_after() {
        try (TestServer server = server().set(AccountSettings.HASHING_QUEUE, 2).start()) {
            for (String name : new String[] {"user1", "user2", "user3"}) RawClient.registered(server, name).close();
            CountDownLatch release = holdHashingThreads(server);
            RawClient[] clients = {RawClient.connect(server), RawClient.connect(server), RawClient.connect(server)};
            try {
                clients[0].send(login(1, "user1"));
                clients[1].send(login(1, "user2"));
                awaitQueued(server, 2); // the third connection's login finds the queue full
                Frame full = clients[2].login("user3", "password-123");
                assertThat(full.getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(full.getError().getRetryAfterSeconds()).isPositive();
                release.countDown();
                assertThat(clients[0].awaitResponse(1, AT_ONCE).hasLoginOk()).isTrue();
                assertThat(clients[1].awaitResponse(1, AT_ONCE).hasLoginOk()).isTrue();
            } finally {
                release.countDown();
                for (RawClient c : clients) c.close();
            }
        }
    }
}
