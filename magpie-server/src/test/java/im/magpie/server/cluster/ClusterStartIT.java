package im.magpie.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.testkit.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A node started with {@code --cluster} while Redis is down refuses to start, says why and what to
 * do, and leaves nothing open behind it (the next start on the same data directory works). Needs no
 * Redis: it points at a port where none listens.
 */
class ClusterStartIT {
    @Test
    void aNodeWhoseRedisIsDownDoesNotStartAndSaysWhereItLookedWithoutThePassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // free again once closed: nothing listens there
        }
        Path dir = Files.createTempDirectory("magpie-cluster-start-");
        try {
            assertThatThrownBy(() -> TestServer.builder().dataDir(dir)
                    .set(ClusterSettings.CLUSTER, "redis://:s3cret-word@127.0.0.1:" + closedPort)
                    .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot reach Redis at 127.0.0.1:" + closedPort + " given by --cluster")
                    .hasMessageContaining("leave --cluster out to run one node alone")
                    .message().doesNotContain("s3cret-word");
            try (TestServer alone = TestServer.builder().dataDir(dir).start()) {
                assertThat(alone.port()).as("the failed start closed the database and released the data directory").isPositive();
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
