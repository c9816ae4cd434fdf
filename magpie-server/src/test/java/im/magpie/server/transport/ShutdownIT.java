package im.magpie.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Frame;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownIT {

    @Test
    void shutdown_tells_clients_the_server_is_going_away_and_data_survives_a_restart(@TempDir Path dir) {
        TestServer server = TestServer.builder().dataDir(dir).start();
        try (RawClient c = RawClient.registered(server, "kate")) {
            assertThat(c.login("kate", "password-123").getError().getCode())
                    .as("a second login on one connection").isEqualTo(im.magpie.protocol.proto.ErrorCode.CONFLICT);
            server.close();
            Frame away = c.nextPush(Duration.ofSeconds(5)).orElseThrow();
            assertThat(away.hasGoingAway()).isTrue();
            assertThat(away.getGoingAway().getReconnect()).isTrue();
            assertThat(c.isClosedByServer(Duration.ofSeconds(5))).isTrue();
        }
        try (TestServer again = TestServer.builder().dataDir(dir).start(); RawClient c = RawClient.connect(again)) {
            assertThat(c.login("kate", "password-123").hasLoginOk()).isTrue();
        }
        assertThat(Files.exists(dir.resolve("db"))).isTrue();
    }

    @Test
    void the_self_signed_certificate_is_created_once_and_reused(@TempDir Path dir) throws Exception {
        byte[] first;
        try (TestServer server = TestServer.builder().dataDir(dir).tls(true).start(); RawClient c = RawClient.connect(server)) {
            first = Files.readAllBytes(dir.resolve("tls/server.crt"));
        }
        try (TestServer server = TestServer.builder().dataDir(dir).tls(true).start(); RawClient c = RawClient.connect(server)) {
            assertThat(Files.readAllBytes(dir.resolve("tls/server.crt"))).isEqualTo(first);
        }
    }
}
