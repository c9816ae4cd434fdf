package im.magpie.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OpsIT {

    private static HttpResponse<String> get(TestServer server, String path) throws Exception {
        int port = server.server().features().ops().adminPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_count_connections_and_online_users_and_health_checks_the_database() throws Exception {
        try (TestServer server = TestServer.start(); RawClient alice = RawClient.registered(server, "alice")) {
            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("magpie_connections 1.0").contains("magpie_users_online 1.0")
                    .contains("magpie_send_queued 0.0").contains("magpie_send_read_pauses_total 0.0")
                    .contains("magpie_database_up 1.0").contains("magpie_send_order_waiting 0.0").contains("magpie_prelogin_buffered_bytes 0.0")
                    .contains("jvm_memory_used_bytes");
            HttpResponse<String> health = get(server, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");
        }
    }

    @Test
    void a_taken_admin_port_fails_the_start_with_a_message_naming_the_admin_port_option() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.builder()
                            .set(OpsSettings.ADMIN_PORT, taken.getLocalPort()).start().close())
                    .hasStackTraceContaining("--admin-port");
        }
    }
}
