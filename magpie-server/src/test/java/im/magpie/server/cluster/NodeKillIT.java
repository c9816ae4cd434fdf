package im.magpie.server.cluster;

import static im.magpie.server.cluster.ClusterIT.WAIT;
import static im.magpie.server.cluster.ClusterIT.befriend;
import static im.magpie.server.cluster.ClusterIT.expect;
import static im.magpie.server.cluster.ClusterIT.id;
import static im.magpie.server.cluster.ClusterIT.presence;
import static im.magpie.server.cluster.ClusterIT.syncMessageIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.server.account.AccountSettings;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestRedis;
import im.magpie.testkit.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A node in its own JVM, killed with SIGKILL while its user sends: every acknowledged message is
 * stored, the dead node's presence entry expires and its user's friend on another node sees them
 * go offline, then online again when they reconnect to a surviving node and sync.
 */
@EnabledIf("im.magpie.testkit.TestRedis#isEnabled")
class NodeKillIT {
    @Test
    void aNodeKilledMidTrafficLosesNoAcknowledgedMessageAndItsUsersGoOfflineThenComeBackElsewhere() throws Exception {
        if (!TestDatabase.POSTGRESQL.isEnabled()) fail("the cluster suites need MAGPIE_TEST_POSTGRES_URL as well as MAGPIE_TEST_REDIS_URL");
        String prefix = TestRedis.newPrefix();
        Path dir = Files.createTempDirectory("magpie-node-");
        Process child = null;
        try (TestDatabase.Created db = TestDatabase.POSTGRESQL.create();
                TestServer n1 = node(db, prefix, 1);
                TestServer n2 = node(db, prefix, 2);
                RawClient alice = RawClient.registered(n1, "alice")) {
            child = startNode(dir, db.jdbcUrl(), prefix, 3);
            int port = awaitPort(child);
            RawClient dave = RawClient.connect("127.0.0.1", port, false);
            dave.register("dave", "password-123", "Dave");
            long aliceId = id(alice), daveId = id(dave);
            befriend(dave, alice, "alice");
            expect(alice, presence(daveId, PresenceStatus.ONLINE), "alice sees dave online on the child node");

            List<Long> acked = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (int i = 0; ; i++) {
                    Frame ack;
                    try {
                        ack = dave.request(sendFrame(aliceId, "k" + i, "before the kill " + i));
                    } catch (RuntimeException e) {
                        return; // the node is gone
                    }
                    if (!ack.hasSendAck()) return;
                    acked.add(ack.getSendAck().getMessageId());
                }
            });
            Awaitility.await("dave's first acknowledgements").atMost(WAIT).until(() -> acked.size() >= 20);
            child.destroyForcibly(); // SIGKILL: no shutdown, no goodbye to Redis
            child.waitFor(30, TimeUnit.SECONDS);
            sender.get(30, TimeUnit.SECONDS);
            dave.close();

            expect(alice, presence(daveId, PresenceStatus.OFFLINE), "the dead node's entry expires: alice sees dave offline");
            assertThat(syncMessageIds(alice)).as("every message dave's node acknowledged").containsAll(acked);

            try (RawClient again = RawClient.connect(n2)) {
                assertThat(again.login("dave", "password-123").hasLoginOk()).isTrue();
                expect(alice, presence(daveId, PresenceStatus.ONLINE), "dave is online again on another node");
                assertThat(syncMessageIds(again)).containsAll(acked);
                again.request(sendFrame(aliceId, "after", "after the kill"));
                expect(alice, f -> f.hasEvent() && f.getEvent().getEvent().getMessage().getClientMsgId().equals("after"),
                        "dave's messages reach alice from his new node");
            }
            System.out.printf("node kill: %d acknowledged messages before SIGKILL, all stored%n", acked.size());
        } finally {
            if (child != null) child.destroyForcibly();
            TestRedis.deleteKeys(prefix);
            deleteRecursively(dir);
        }
    }

    private static Frame.Builder sendFrame(long to, String clientId, String text) {
        return Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder().setClientMsgId(clientId)
                .setTo(Peer.newBuilder().setUserId(to)).setContent(Content.newBuilder().setText(Text.newBuilder().setText(text))));
    }

    private static TestServer node(TestDatabase.Created db, String prefix, int nodeId) {
        return TestServer.builder().jdbcUrl(db.jdbcUrl())
                .set(ClusterSettings.CLUSTER, TestRedis.url())
                .set(ClusterSettings.CLUSTER_PREFIX, prefix)
                .set(ClusterSettings.CLUSTER_HEARTBEAT_SECONDS, 1)
                .set(CoreSettings.NODE_ID, nodeId)
                .start();
    }

    private static Process startNode(Path dataDir, String jdbcUrl, String prefix, int nodeId) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classpath, "im.magpie.server.ServerMain",
                "--" + CoreSettings.DATA_DIR.key(), dataDir.toString(),
                "--" + CoreSettings.HOST.key(), "127.0.0.1",
                "--" + CoreSettings.PORT.key(), "0",
                "--" + CoreSettings.TLS.key(), "false",
                "--" + CoreSettings.DB.key(), jdbcUrl,
                "--" + CoreSettings.NODE_ID.key(), Integer.toString(nodeId),
                "--" + AccountSettings.ARGON2_MEMORY_KIB.key(), "256",
                "--" + AccountSettings.ARGON2_ITERATIONS.key(), "1",
                "--" + im.magpie.server.ops.OpsSettings.ADMIN_PORT.key(), "0",
                "--" + im.magpie.server.group.GroupSettings.LOBBY_ENABLED.key(), "false",
                "--" + ClusterSettings.CLUSTER.key(), TestRedis.url(),
                "--" + ClusterSettings.CLUSTER_PREFIX.key(), prefix,
                "--" + ClusterSettings.CLUSTER_HEARTBEAT_SECONDS.key(), "1"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static int awaitPort(Process process) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("MAGPIE_PORT ")) port.complete(Integer.parseInt(line.substring(12).trim()));
                    else if (!port.isDone()) System.out.println("[node 3] " + line);
                }
                port.completeExceptionally(new IllegalStateException("node process ended without a port"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
