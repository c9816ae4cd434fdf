package im.magpie.client.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.magpie.client.Messenger;
import im.magpie.client.MessengerEvent;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Direct" beyond loopback: Bob runs in a network namespace of his own (a child JVM under
 * {@code ip netns exec}), joined to this one by a veth pair the test creates; the server and Alice
 * listen on this side's veth address. Alice's messages reach Bob over the channel between the two
 * namespaces, and the server relays none of them. Skipped, with the reason logged, where the
 * machine does not let the test create namespaces (not root, no iproute2).
 */
class NetnsDirectChannelIT {
    private static final Logger log = LoggerFactory.getLogger(NetnsDirectChannelIT.class);

    @TempDir
    Path dir;

    private final long pid = ProcessHandle.current().pid();
    private final String ns = "mp2p" + pid;
    private final String hostSide = "vh" + pid;
    private final String nsSide = "vn" + pid;
    private final String subnet = "10.97." + (pid % 250) + ".";
    private final List<String> peerLines = new CopyOnWriteArrayList<>();
    private Process peer;
    private TestServer server;
    private Messenger alice;
    private boolean namespaceMade;

    @AfterEach
    void stop() throws Exception {
        if (peer != null) {
            peer.getOutputStream().close();
            if (!peer.waitFor(10, TimeUnit.SECONDS)) peer.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        if (alice != null) alice.close();
        if (server != null) server.close();
        if (namespaceMade) run("ip", "netns", "del", ns); // takes the veth pair with it
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
        return out;
    }

    private void makeNamespace() throws InterruptedException {
        try {
            run("ip", "netns", "add", ns);
            namespaceMade = true;
            run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", nsSide);
            run("ip", "link", "set", nsSide, "netns", ns);
            run("ip", "addr", "add", subnet + "1/30", "dev", hostSide);
            run("ip", "link", "set", hostSide, "up");
            run("ip", "netns", "exec", ns, "ip", "addr", "add", subnet + "2/30", "dev", nsSide);
            run("ip", "netns", "exec", ns, "ip", "link", "set", nsSide, "up");
            run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        } catch (IOException e) {
            log.warn("skipping the namespace test: this machine does not let it make a veth pair: {}", e.getMessage());
            Assumptions.abort("cannot create network namespaces here: " + e.getMessage());
        }
    }

    @Test
    void messages_cross_from_one_network_namespace_to_another_over_the_direct_channel() throws Exception {
        makeNamespace();
        String hostAddress = subnet + "1";
        server = TestServer.builder().set(CoreSettings.HOST, hostAddress).set(CoreSettings.HEARTBEAT_SECONDS, 1).start();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String bobName = "nsbob" + pid;
        peer = new ProcessBuilder("ip", "netns", "exec", ns, java, "-cp", classpath, NetnsPeerMain.class.getName(),
                hostAddress, Integer.toString(server.port()), bobName, dir.resolve("bob").toString())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("PEER ")) peerLines.add(line.substring(5));
                    else log.debug("peer: {}", line);
                }
            } catch (IOException ignored) {
                // the peer ended
            }
        }, "netns-peer-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> peerLines.stream().anyMatch(l -> l.startsWith("READY ")));
        long bob = Long.parseLong(peerLines.stream().filter(l -> l.startsWith("READY ")).findFirst().orElseThrow().substring(6));

        alice = Messenger.builder().server(hostAddress, server.port()).tls(false).profileDir(dir.resolve("alice"))
                .client(c -> c.requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(3)))
                .direct(DirectSettings.defaults().withListener(hostAddress, 0))
                .build();
        List<MessengerEvent.PathChanged> paths = new CopyOnWriteArrayList<>();
        alice.addListener(e -> {
            if (e instanceof MessengerEvent.PathChanged p) paths.add(p);
        });
        alice.register("nsalice" + pid, "password-123", "Alice").join();
        server.server().context().database().jdbi().useTransaction(tx ->
                server.server().features().social().graph().befriend(tx, alice.userId(), bob, System.currentTimeMillis()));

        assertThat(alice.openDirect(PeerRef.user(bob)).join()).isEqualTo(ConversationPath.DIRECT);
        await().untilAsserted(() -> assertThat(paths).singleElement().satisfies(p -> assertThat(p.reason()).contains(subnet + "2")));
        long relayedBefore = server.server().features().messages().relayedOneToOne();
        for (int i = 1; i <= 3; i++) alice.send(PeerRef.user(bob), "across namespaces " + i);
        await().atMost(Duration.ofSeconds(20)).until(() -> peerLines.containsAll(List.of(
                "RECEIVED across namespaces 1", "RECEIVED across namespaces 2", "RECEIVED across namespaces 3")));
        alice.outboxEmpty().get(20, TimeUnit.SECONDS);

        // And back: Bob answers over the same channel.
        try (Writer toPeer = new OutputStreamWriter(peer.getOutputStream(), StandardCharsets.UTF_8)) {
            toPeer.write("send " + alice.userId() + " hello from the namespace\n");
            toPeer.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> alice.history().latestMessages(PeerRef.user(bob), 10)
                    .messages().stream().map(MessageRecord::text).anyMatch("hello from the namespace"::equals));
        }
        assertThat(server.server().features().messages().relayedOneToOne()).isEqualTo(relayedBefore);
        assertThat(peerLines).anyMatch(l -> l.startsWith("PATH DIRECT"));
        List<String> texts = new ArrayList<>(alice.history().latestMessages(PeerRef.user(bob), 10).messages()
                .stream().map(MessageRecord::text).toList());
        assertThat(texts).hasSize(4);
        peer.getOutputStream().close();
    }
}
