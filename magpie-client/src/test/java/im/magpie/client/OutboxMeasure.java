package im.magpie.client;

import im.magpie.client.history.PeerRef;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: numbers for the report. Run with
 * {@code ./mvnw -q -B -pl magpie-client -am test -Dtest=OutboxMeasure -Dmeasure=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Measures how fast a Messenger's outbox drains (one message in flight, each written to SQLite
 * before and after) and how long a reconnect plus sync takes after the server restarts.
 */
@EnabledIfSystemProperty(named = "measure", matches = "true")
class OutboxMeasure {
    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("measure.messages", 2000);
        try (TestServer server = TestServer.builder().dataDir(dir.resolve("server")).start()) {
            long bob;
            try (RawClient b = RawClient.registered(server, "bob")) {
                bob = b.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
            }
            try (Messenger alice = Messenger.builder().server(server.host(), server.port()).tls(false)
                    .profileDir(dir.resolve("alice")).build()) {
                alice.register("alice", "password-123", "alice").join();
                server.server().context().database().jdbi().useTransaction(tx ->
                        server.server().features().social().graph().befriend(tx, alice.userId(), bob, System.currentTimeMillis()));
                for (int round = 0; round < 2; round++) { // the first round warms up
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        alice.send(PeerRef.user(bob), "message " + i + " 消息");
                    }
                    long queued = System.nanoTime();
                    alice.outboxEmpty().get(5, TimeUnit.MINUTES);
                    long drained = System.nanoTime();
                    System.out.printf("round %d: %d messages: enqueue %.0f/s (%.2f ms each), outbox drained at %.0f msg/s%n",
                            round, n, n / ((queued - t0) / 1e9), (queued - t0) / 1e6 / n, n / ((drained - t0) / 1e9));
                }
            }
        }
    }
}
