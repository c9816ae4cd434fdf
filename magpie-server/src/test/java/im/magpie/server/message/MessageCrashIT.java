package im.magpie.server.message;

import static im.magpie.server.message.Chat.befriend;
import static im.magpie.server.message.Chat.id;
import static im.magpie.server.message.Chat.sendFrame;
import static im.magpie.server.message.Chat.syncAll;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.ListFriendRequestsRequest;
import im.magpie.protocol.proto.SendAck;
import im.magpie.protocol.proto.SendFriendRequest;
import im.magpie.protocol.proto.UpdateProfileRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.server.account.AccountSettings;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acked ⇒ committed, at the process level: a server in its own JVM is killed with SIGKILL
 * (destroyForcibly) while sends are in flight, right after acknowledgements; restarted on the same
 * data, every acknowledged message is delivered exactly once, with the acknowledged id, and a retry
 * of an unacknowledged one stores it once, on every backend: on the embedded ones (SQLite in WAL
 * mode with synchronous=NORMAL, H2 with WRITE_DELAY=0) each commit is in the file, or the
 * operating system's cache of it, before the acknowledgement goes out.
 */
class MessageCrashIT {
    private static final int MESSAGES = 200;
    private static final int KILL_AFTER_ACKS = 120;
    private static final int WINDOW = 32;

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void every_acknowledged_message_survives_kill_9_and_is_delivered_exactly_once(TestDatabase db) throws Exception {
        Path dir = Files.createTempDirectory("magpie-crash-");
        TestServer setup = Chat.builder(db).dataDir(dir).start();
        try {
            long alice;
            long bob;
            try (RawClient a = RawClient.registered(setup, "alice"); RawClient b = RawClient.registered(setup, "bob");
                 RawClient c = RawClient.registered(setup, "carol")) {
                alice = id(a);
                bob = id(b);
            }
            befriend(setup, alice, bob);
            String jdbcUrl = setup.jdbcUrl();
            setup.stopKeepingData();

            Map<String, SendAck> acked = new HashMap<>();
            Process server = startServerProcess(dir, jdbcUrl);
            try {
                long t0 = System.nanoTime();
                int port = awaitPort(server);
                System.out.printf("crash test: server process up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                try (RawClient a = RawClient.connect("127.0.0.1", port, false)) {
                    assertThat(a.login("alice", "password-123").hasLoginOk()).isTrue();
                    assertThat(a.request(Frame.newBuilder().setUpdateProfile(
                            UpdateProfileRequest.newBuilder().setNickname("Alice survives"))).hasProfile()).isTrue();
                    assertThat(a.request(Frame.newBuilder().setSendFriendRequest(
                            SendFriendRequest.newBuilder().setUsername("carol"))).hasFriendRequest()).isTrue();
                    int sent = 0;
                    int answered = 0;
                    // A window of sends in flight; kill the server the moment enough acks came back.
                    while (answered < KILL_AFTER_ACKS) {
                        while (sent < MESSAGES && sent - answered < WINDOW) {
                            a.send(sendFrame(bob, "m" + sent, "message " + sent).setId(10_000L + sent).build());
                            sent++;
                        }
                        Frame f = a.awaitResponse(10_000L + answered, Duration.ofSeconds(20));
                        assertThat(f.hasSendAck()).as(f.toString()).isTrue();
                        acked.put(f.getSendAck().getClientMsgId(), f.getSendAck());
                        answered++;
                    }
                    System.out.printf("crash test: %d acks after %d ms; killing%n", answered, (System.nanoTime() - t0) / 1_000_000);
                    server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                    assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
                    // Acks already on the wire when the process died count too.
                    for (int i = answered; i < sent; i++) {
                        try {
                            Frame f = a.awaitResponse(10_000L + i, Duration.ofMillis(200));
                            if (f.hasSendAck()) acked.put(f.getSendAck().getClientMsgId(), f.getSendAck());
                        } catch (RuntimeException closed) {
                            break;
                        }
                    }
                }
            } finally {
                server.destroyForcibly();
            }
            assertThat(acked).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);

            try (TestServer again = Chat.builder(db).dataDir(dir).jdbcUrl(jdbcUrl).start();
                 RawClient b = RawClient.connect(again);
                 RawClient a = RawClient.connect(again)) {
                assertThat(b.login("bob", "password-123").hasLoginOk()).isTrue();
                assertThat(a.login("alice", "password-123").hasLoginOk()).isTrue();
                assertThat(a.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getNickname())
                        .isEqualTo("Alice survives");
                assertThat(a.request(Frame.newBuilder().setListFriendRequests(ListFriendRequestsRequest.getDefaultInstance()))
                        .getFriendRequestList().getOutgoingCount()).as("the acknowledged friend request").isEqualTo(1);
                List<InboxEvent> delivered = syncAll(b, 0);
                Map<String, Long> count = delivered.stream()
                        .collect(Collectors.groupingBy(e -> e.getMessage().getClientMsgId(), Collectors.counting()));
                assertThat(count.values()).as("nothing is delivered twice").allMatch(n -> n == 1);
                for (SendAck ack : acked.values()) {
                    assertThat(count).as("acked %s is delivered", ack.getClientMsgId()).containsKey(ack.getClientMsgId());
                }
                for (InboxEvent e : delivered) {
                    SendAck ack = acked.get(e.getMessage().getClientMsgId());
                    if (ack != null) assertThat(e.getMessage().getMessageId()).isEqualTo(ack.getMessageId());
                    assertThat(Chat.text(e)).isEqualTo("message " + e.getMessage().getClientMsgId().substring(1));
                }
                // The sender's client retries what it never saw acknowledged: each is stored once.
                for (int i = 0; i < MESSAGES; i++) a.send(sendFrame(bob, "m" + i, "message " + i).setId(50_000L + i).build());
                for (int i = 0; i < MESSAGES; i++) {
                    Frame f = a.awaitResponse(50_000L + i, Duration.ofSeconds(20));
                    assertThat(f.hasSendAck()).as(f.toString()).isTrue();
                    SendAck earlier = acked.get("m" + i);
                    if (earlier != null) assertThat(f.getSendAck()).isEqualTo(earlier);
                }
                List<InboxEvent> all = syncAll(b, 0);
                assertThat(all).hasSize(MESSAGES);
                assertThat(all.stream().map(e -> e.getMessage().getClientMsgId()).distinct()).hasSize(MESSAGES);
            }
        } finally {
            setup.close(); // drops a service-backed test database
            deleteRecursively(dir);
        }
    }

    private static Process startServerProcess(Path dataDir, String jdbcUrl) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "im.magpie.server.ServerMain",
                "--" + CoreSettings.DATA_DIR.key(), dataDir.toString(),
                "--" + CoreSettings.HOST.key(), "127.0.0.1",
                "--" + CoreSettings.PORT.key(), "0",
                "--" + CoreSettings.TLS.key(), "false",
                "--" + AccountSettings.ARGON2_MEMORY_KIB.key(), "256",
                "--" + AccountSettings.ARGON2_ITERATIONS.key(), "1",
                "--" + im.magpie.server.ops.OpsSettings.ADMIN_PORT.key(), "0",
                "--" + im.magpie.server.group.GroupSettings.LOBBY_ENABLED.key(), "false"));
        if (jdbcUrl != null) command.addAll(List.of("--" + CoreSettings.DB.key(), jdbcUrl));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static int awaitPort(Process process) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("MAGPIE_PORT ")) port.complete(Integer.parseInt(line.substring(12).trim()));
                    else if (!port.isDone()) System.out.println("[server] " + line);
                }
                port.completeExceptionally(new IllegalStateException("server process ended without a port"));
            } catch (IOException e) {
                port.completeExceptionally(new UncheckedIOException(e));
            }
        }, "crash-test-server-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
