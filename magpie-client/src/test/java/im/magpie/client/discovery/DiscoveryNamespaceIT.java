package im.magpie.client.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.server.discovery.DiscoverySettings;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery by broadcast across a real link: the test makes a network namespace joined to this
 * one by a veth pair, and runs the finder in a process inside it ({@code ip netns exec}), so the
 * request is a broadcast on the veth and the answer crosses it. Skipped, with the reason logged,
 * where the machine does not let us make namespaces (not root, no {@code ip}).
 */
class DiscoveryNamespaceIT {
    private static final Logger log = LoggerFactory.getLogger(DiscoveryNamespaceIT.class);

    @Test
    void aServerOnTheLan_isFoundByBroadcastFromAnotherNetworkNamespace() throws Exception {
        long pid = ProcessHandle.current().pid();
        String ns = "mgpf-d" + pid;
        String hostSide = "mgpfh" + (pid % 100_000);
        String nsSide = "mgpfn" + (pid % 100_000);
        String net = "10.217." + (pid % 250 + 1);
        if (!run("ip", "netns", "add", ns)) {
            log.warn("skipped: cannot create a network namespace here (needs root and iproute2)");
            Assumptions.abort("cannot create a network namespace here");
        }
        try {
            assertThat(run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", nsSide)).isTrue();
            assertThat(run("ip", "link", "set", nsSide, "netns", ns)).isTrue();
            assertThat(run("ip", "addr", "add", net + ".1/24", "broadcast", net + ".255", "dev", hostSide)).isTrue();
            assertThat(run("ip", "link", "set", hostSide, "up")).isTrue();
            assertThat(run("ip", "netns", "exec", ns, "ip", "addr", "add", net + ".2/24", "broadcast", net + ".255", "dev", nsSide)).isTrue();
            assertThat(run("ip", "netns", "exec", ns, "ip", "link", "set", nsSide, "up")).isTrue();
            assertThat(run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")).isTrue();

            try (TestServer server = TestServer.builder().set(CoreSettings.HOST, "0.0.0.0")
                    .set(DiscoverySettings.ENABLED, true).set(DiscoverySettings.PORT, 0)
                    .set(DiscoverySettings.MULTICAST_GROUP, "").start()) {
                int port = server.server().discoveryPort().orElseThrow();
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                List<String> out = output("ip", "netns", "exec", ns, java, "-cp", System.getProperty("java.class.path"),
                        FindServersMain.class.getName(), Integer.toString(port), "1500");

                assertThat(out).containsExactly("Magpie|" + server.port() + "|false|" + net + ".1");
            }
        } finally {
            run("ip", "link", "del", hostSide);
            run("ip", "netns", "del", ns);
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        if (p.exitValue() != 0) log.info("{} -> {}: {}", String.join(" ", command), p.exitValue(), text.strip());
        return p.exitValue() == 0;
    }

    private static List<String> output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n")) if (!l.isBlank()) lines.add(l.strip());
        return lines;
    }
}
