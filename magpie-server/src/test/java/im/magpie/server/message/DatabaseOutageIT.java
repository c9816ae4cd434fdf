package im.magpie.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.store.DatabaseHealth;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TcpProxy;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, items 4 and 5, against the real PostgreSQL behind a TCP proxy the test cuts (the
 * machine's PostgreSQL itself keeps running): sends are held through a short outage, answered
 * UNAVAILABLE with a retry time (never INTERNAL) through a long one, a sender's messages are stored
 * in the order it sent them however it retries, and sync and {@code /health} say "unavailable" at
 * once. Runs when MAGPIE_TEST_POSTGRES_URL is set.
 */
class DatabaseOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestDatabase.Created database;
    private TcpProxy proxy;

    @BeforeEach
    void database() throws Exception {
        assumeTrue(TestDatabase.POSTGRESQL.isEnabled(), "needs MAGPIE_TEST_POSTGRES_URL");
        database = TestDatabase.POSTGRESQL.create();
        URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    @AfterEach
    void drop() {
        if (proxy != null) proxy.close();
        if (database != null) database.close();
    }

    private TestServer start(int holdMillis) {
        String proxied = database.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
        return TestServer.builder().jdbcUrl(proxied)
                .set(CoreSettings.DB_CONNECTION_TIMEOUT_MS, 1000)
                .set(CoreSettings.DB_RETRY_AFTER_SECONDS, 1)
                .set(MessageSettings.SEND_HOLD_MILLIS, holdMillis)
                .set(im.magpie.server.group.GroupSettings.LOBBY_ENABLED, false)
                .start();
    }

    private void outage() {
        proxy.refuse(true);
        proxy.cut();
    }

    private void recovery() {
        proxy.refuse(false);
    }

    private static DatabaseHealth health(TestServer server) {
        return server.server().context().database().health();
    }

    @Test
    void a_senders_messages_are_stored_in_the_order_sent_across_an_outage_longer_than_the_hold() {
        try (TestServer server = start(500);
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long aliceId = Chat.id(alice);
            long bobId = Chat.id(bob);
            Chat.befriend(server, aliceId, bobId);

            int total = 160;
            Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
            int[] refusals = {0};
            boolean[] cut = {false};
            boolean[] back = {false};
            new PipelinedSender(alice, bobId, total, 8).run(codes, refusals, acked -> {
                if (!cut[0] && acked >= 40) {
                    cut[0] = true;
                    outage();
                }
                if (cut[0] && !back[0] && refusals[0] >= 12) {
                    back[0] = true;
                    recovery();
                }
            });
            assertThat(back[0]).isTrue();
            assertThat(codes).containsOnly(ErrorCode.UNAVAILABLE); // refused for now, never INTERNAL

            List<Integer> stored = new ArrayList<>();
            var page = Chat.history(alice, Chat.user(bobId), 0, 200);
            for (int i = page.getMessagesCount() - 1; i >= 0; i--) {
                stored.add(Integer.parseInt(page.getMessages(i).getContent().getText().getText().substring(2)));
            }
            assertThat(stored).hasSize(total).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void a_send_during_a_short_outage_is_held_and_stored_once_the_database_is_back() {
        try (TestServer server = start(30_000);
             RawClient alice = RawClient.registered(server, "carol");
             RawClient bob = RawClient.registered(server, "dave")) {
            long aliceId = Chat.id(alice);
            long bobId = Chat.id(bob);
            Chat.befriend(server, aliceId, bobId);
            assertThat(Chat.send(alice, bobId, "before", "n-1").hasSendAck()).isTrue();

            outage();
            alice.send(Chat.sendFrame(bobId, "during", "n-2").setId(9001).build());
            await().atMost(WAIT).until(() -> !health(server).up());
            assertThat(alice.read(System.nanoTime() + Duration.ofMillis(300).toNanos())).isEmpty(); // held, not failed
            recovery();
            Frame ack = alice.awaitResponse(9001, WAIT);
            assertThat(ack.hasSendAck()).as("%s", ack).isTrue();
            await().atMost(WAIT).until(() -> health(server).up());
            assertThat(Chat.history(alice, Chat.user(bobId), 0, 10).getMessagesCount()).isEqualTo(2);
        }
    }

    @Test
    void while_the_database_is_down_sync_and_health_answer_unavailable_at_once() throws Exception {
        try (TestServer server = start(500); RawClient alice = RawClient.registered(server, "erin")) {
            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + server.server().features().ops().adminPort() + "/health");
            assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);

            outage();
            // The first request to meet the outage waits at most the pool's timeout (1 s here) and trips the flag.
            Frame first = alice.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setLimit(10)));
            assertThat(first.getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
            await().atMost(WAIT).until(() -> !health(server).up());
            long started = System.nanoTime();
            Frame next = alice.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setLimit(10)));
            assertThat(next.getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(next.getError().getRetryAfterSeconds()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900)); // not the pool's wait
            HttpResponse<String> down = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("database unavailable");

            recovery();
            await().atMost(WAIT).until(() -> health(server).up());
            assertThat(alice.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setLimit(10))).hasSyncPage()).isTrue();
        }
    }

    /**
     * Sends "n-1".."n-total" with up to {@code window} unanswered, and sends a refused one again
     * (same client id) after the retry time it was given, the way a client's outbox does.
     */
    private record PipelinedSender(RawClient client, long to, int total, int window) {
        void run(Set<ErrorCode> codes, int[] refusals, IntConsumer afterAnswer) {
            Map<Long, Integer> unanswered = new HashMap<>();
            PriorityQueue<long[]> retries = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            int next = 1;
            int acked = 0;
            long requestId = 100_000;
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acked < total) {
                assertThat(System.nanoTime()).as("all acknowledged within a minute").isLessThan(giveUp);
                while (unanswered.size() < window) {
                    int n;
                    if (!retries.isEmpty() && retries.peek()[0] <= System.nanoTime()) n = (int) retries.poll()[1];
                    else if (next <= total) n = next++;
                    else break;
                    long id = ++requestId;
                    client.send(Chat.sendFrame(to, "c-" + n, "n-" + n).setId(id).build());
                    unanswered.put(id, n);
                }
                var answer = client.read(System.nanoTime() + Duration.ofMillis(50).toNanos());
                if (answer.isEmpty() || answer.get().getId() == 0) continue;
                Frame f = answer.get();
                Integer n = unanswered.remove(f.getId());
                if (n == null) continue;
                if (f.hasSendAck()) {
                    acked++;
                } else {
                    codes.add(f.getError().getCode());
                    refusals[0]++;
                    long wait = Duration.ofSeconds(Math.max(1, f.getError().getRetryAfterSeconds())).toNanos() / 4;
                    retries.add(new long[] {System.nanoTime() + wait, n});
                }
                afterAnswer.accept(acked);
            }
        }
    }
}
