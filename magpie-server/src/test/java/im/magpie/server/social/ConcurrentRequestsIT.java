package im.magpie.server.social;

import static im.magpie.server.social.SocialTestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.FriendRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests racing each other: at most one open request per pair, whatever the database. */
class ConcurrentRequestsIT {
    private static final int PAIRS = 8;

    static List<TestDatabase> databases() {
        return SocialTestSupport.databases();
    }

    private static <T> List<T> together(ExecutorService pool, Supplier<T> a, Supplier<T> b) {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<T> fa = CompletableFuture.supplyAsync(() -> { await(start); return a.get(); }, pool);
        CompletableFuture<T> fb = CompletableFuture.supplyAsync(() -> { await(start); return b.get(); }, pool);
        start.countDown();
        return List.of(fa.join(), fb.join());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void simultaneous_crossing_requests_make_friends_and_simultaneous_repeats_make_one_request(TestDatabase db) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TestServer server = TestServer.builder().database(db).start()) {
            FriendRequests requests = server.server().features().social().requests();
            SocialGraph graph = server.server().features().social().graph();
            for (int i = 0; i < PAIRS; i++) {
                long a;
                long b;
                long c;
                try (RawClient ca = RawClient.registered(server, "ann" + i);
                     RawClient cb = RawClient.registered(server, "ben" + i);
                     RawClient cc = RawClient.registered(server, "cat" + i)) {
                    a = id(ca);
                    b = id(cb);
                    c = id(cc);
                }
                together(pool, () -> requests.send(a, b, null, ""), () -> requests.send(b, a, null, ""));
                assertThat(graph.areFriends(a, b)).as("pair %d crossed", i).isTrue();
                assertThat(graph.areFriends(b, a)).isTrue();
                assertThat(requests.list(a).getOutgoingList()).isEmpty();
                assertThat(requests.list(b).getOutgoingList()).isEmpty();

                List<FriendRequest> twice = together(pool, () -> requests.send(a, c, null, "x"), () -> requests.send(a, c, null, "x"));
                assertThat(twice.get(0).getRequestId()).as("pair %d repeated", i).isEqualTo(twice.get(1).getRequestId());
                assertThat(requests.list(c).getIncomingList()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
