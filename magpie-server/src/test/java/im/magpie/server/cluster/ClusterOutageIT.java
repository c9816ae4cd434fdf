package im.magpie.server.cluster;

import static im.magpie.server.cluster.ClusterIT.WAIT;
import static im.magpie.server.cluster.ClusterIT.befriend;
import static im.magpie.server.cluster.ClusterIT.expect;
import static im.magpie.server.cluster.ClusterIT.id;
import static im.magpie.server.cluster.ClusterIT.syncMessageIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.server.cluster.redis.RedisRouter;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.message.MessageSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TcpProxy;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestRedis;
import im.magpie.testkit.TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Issue 19's outage test: three nodes on loopback, friends spread over them, each node reaching
 * Redis and PostgreSQL through a TCP proxy the test controls. "Redis stopped and started" and
 * "PostgreSQL restarted" are what the nodes see when the proxy refuses and cuts every connection,
 * then accepts again: the machine's Redis and PostgreSQL are shared with other suites and keep
 * running. Every acknowledged message is in its recipient's inbox at the end.
 */
@EnabledIf("im.magpie.testkit.TestRedis#isEnabled")
class ClusterOutageIT {
    @Test
    void threeNodesLoseNoAcknowledgedMessageThroughARedisStopAndAPostgresqlRestart() throws Exception {
        if (!TestDatabase.POSTGRESQL.isEnabled()) fail("the cluster suites need MAGPIE_TEST_POSTGRES_URL as well as MAGPIE_TEST_REDIS_URL");
        String prefix = TestRedis.newPrefix();
        List<AutoCloseable> closing = new ArrayList<>();
        TestDatabase.Created db = TestDatabase.POSTGRESQL.create();
        closing.add(db); // closed last: the nodes first
        try {
            TcpProxy redis = new TcpProxy(TestRedis.port());
            closing.add(redis);
            URI pgUri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
            TcpProxy pg = new TcpProxy(pgUri.getPort() < 0 ? 5432 : pgUri.getPort());
            closing.add(pg);
            String proxiedDb = db.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + pg.port() + "/");
            List<TestServer> nodes = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                TestServer node = TestServer.builder().jdbcUrl(proxiedDb)
                        .set(ClusterSettings.CLUSTER, "redis://127.0.0.1:" + redis.port())
                        .set(ClusterSettings.CLUSTER_PREFIX, prefix)
                        .set(ClusterSettings.CLUSTER_HEARTBEAT_SECONDS, 1)
                        .set(CoreSettings.NODE_ID, n)
                        .set(CoreSettings.DB_CONNECTION_TIMEOUT_MS, 1000)
                        .set(CoreSettings.DB_RETRY_AFTER_SECONDS, 1)
                        .set(MessageSettings.SEND_HOLD_MILLIS, 1000)
                        .set(im.magpie.server.group.GroupSettings.LOBBY_ENABLED, false)
                        .start();
                closing.add(node);
                nodes.add(node);
            }
            RawClient alice = user(nodes.get(0), "alice", closing), bob = user(nodes.get(1), "bob", closing),
                    carol = user(nodes.get(2), "carol", closing);
            befriend(alice, bob, "bob");
            befriend(bob, carol, "carol");
            befriend(carol, alice, "alice");
            // Each sends to the friend on the next node: every message crosses a node.
            Map<RawClient, Long> next = Map.of(alice, id(bob), bob, id(carol), carol, id(alice));
            Map<Long, List<Long>> acked = new ConcurrentHashMap<>();

            round(next, acked, "before");
            String first = "before-" + next.get(alice);
            expect(bob, f -> f.hasEvent() && f.getEvent().getEvent().getMessage().getClientMsgId().equals(first),
                    "pushes cross nodes");

            redis.refuse(true); // Redis "stopped" for every node
            redis.cut();
            awaitAll(nodes, n -> !router(n).linkUp(), "every node sees Redis gone");
            // Traffic for longer than a node's entry lives (three heartbeats): every node's entry expires.
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            for (int i = 0; System.nanoTime() < until; i++) round(next, acked, "redis-down-" + i);
            redis.refuse(false); // and "started" again
            awaitAll(nodes, n -> router(n).linkUp(), "every node reconnects to Redis by itself");
            Awaitility.await("pushes cross nodes again").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                String tag = "after-redis-" + System.nanoTime();
                sendUntilAcked(alice, next.get(alice), tag, acked);
                return pushed(bob, tag, Duration.ofSeconds(2));
            });

            pg.refuse(true); // PostgreSQL "restarted": every connection cut, none accepted for a while
            pg.cut();
            Set<ErrorCode> answered = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<Void>> during = new CopyOnWriteArrayList<>();
            for (var sender : next.entrySet()) {
                during.add(CompletableFuture.runAsync(() -> {
                    String who = Long.toString(sender.getValue());
                    for (int i = 0; i < 3; i++) sendUntilAcked(sender.getKey(), sender.getValue(), "pg-" + who + "-" + i, acked, answered);
                }));
            }
            Awaitility.await("the nodes meet the outage").atMost(WAIT).until(() -> answered.contains(ErrorCode.UNAVAILABLE)
                    || nodes.stream().anyMatch(n -> !n.server().context().database().health().up()));
            pg.refuse(false);
            CompletableFuture.allOf(during.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            round(next, acked, "after-pg");

            int total = 0;
            for (RawClient recipient : List.of(alice, bob, carol)) {
                List<Long> expected = acked.getOrDefault(id(recipient), List.of());
                assertThat(syncMessageIds(recipient)).as("every message acknowledged to a sender is in the recipient's inbox")
                        .containsAll(expected);
                total += expected.size();
            }
            assertThat(answered).as("the database outage was answered UNAVAILABLE (or held), never INTERNAL")
                    .doesNotContain(ErrorCode.INTERNAL);
            System.out.printf("cluster outages: %d acknowledged messages, all in their inboxes (answers during the database outage: %s)%n",
                    total, answered);
        } finally {
            for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
            TestRedis.deleteKeys(prefix);
        }
    }

    private static RawClient user(TestServer node, String name, List<AutoCloseable> closing) {
        RawClient c = RawClient.registered(node, name);
        closing.add(c);
        return c;
    }

    /** True if a push of the message {@code clientId} comes within {@code wait}; other pushes are passed over. */
    private static boolean pushed(RawClient c, String clientId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            var f = c.nextPush(Duration.ofNanos(left));
            if (f.isEmpty()) return false;
            if (f.get().hasEvent() && f.get().getEvent().getEvent().getMessage().getClientMsgId().equals(clientId)) return true;
        }
        return false;
    }

    private static RedisRouter router(TestServer node) {
        return (RedisRouter) node.server().context().router();
    }

    private static void awaitAll(List<TestServer> nodes, java.util.function.Predicate<TestServer> condition, String what) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> nodes.stream().allMatch(condition));
    }

    /** One message from each sender to its friend on the next node. */
    private static void round(Map<RawClient, Long> next, Map<Long, List<Long>> acked, String tag) {
        next.forEach((from, to) -> sendUntilAcked(from, to, tag + "-" + to, acked));
    }

    private static void sendUntilAcked(RawClient from, long to, String clientId, Map<Long, List<Long>> acked) {
        sendUntilAcked(from, to, clientId, acked, ConcurrentHashMap.newKeySet());
    }

    /**
     * Sends with one client id until it is acknowledged, as a client's outbox does; records the
     * acknowledged id under the recipient and every error code met on the way.
     */
    private static void sendUntilAcked(RawClient from, long to, String clientId, Map<Long, List<Long>> acked, Set<ErrorCode> answered) {
        Frame.Builder send = Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder().setClientMsgId(clientId)
                .setTo(Peer.newBuilder().setUserId(to)).setContent(Content.newBuilder().setText(Text.newBuilder().setText(clientId))));
        Awaitility.await("acknowledgement of " + clientId).atMost(Duration.ofSeconds(45)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    Frame answer = from.request(send.clone());
                    if (answer.hasSendAck()) {
                        acked.computeIfAbsent(to, k -> new CopyOnWriteArrayList<>()).add(answer.getSendAck().getMessageId());
                        return true;
                    }
                    answered.add(answer.getError().getCode());
                    return false;
                });
    }
}
