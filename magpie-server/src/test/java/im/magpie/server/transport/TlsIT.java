package im.magpie.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIT {

    @Test
    void a_configured_certificate_and_key_replace_the_self_signed_one(@TempDir Path dir) throws Exception {
        SelfSignedCertificate ca = new SelfSignedCertificate("chat.example.org");
        try (TestServer server = TestServer.builder().tls(true)
                .set(CoreSettings.TLS_CERT, ca.certificate().getPath())
                .set(CoreSettings.TLS_KEY, ca.privateKey().getPath())
                .start();
             RawClient c = RawClient.connect(server)) {
            X509Certificate seen = c.peerCertificate();
            assertThat(seen).isEqualTo(ca.cert());
            assertThat(Files.exists(server.dataDir().resolve("tls/server.crt"))).isFalse();
            assertThat(TlsContexts.fingerprint(server.dataDir(), ca.certificate().getPath())).hasSize(64);
        } finally {
            ca.delete();
        }
    }

    @Test
    void a_plain_client_cannot_talk_to_a_tls_server() {
        try (TestServer server = TestServer.builder().tls(true).start()) {
            // RawClient.open speaks TLS when the server does; send plain bytes through a raw socket instead.
            try (java.net.Socket s = new java.net.Socket(server.host(), server.port())) {
                s.getOutputStream().write(new byte[] {0, 0, 0, 2, 0x08, 0x01});
                s.setSoTimeout(5000);
                assertThat(s.getInputStream().read()).isIn(-1, 0x15); // closed, or a TLS alert record
            } catch (java.io.IOException e) {
                // reset by the server: also a refusal
            }
            try (RawClient ok = RawClient.connect(server)) {
                assertThat(ok.peerCertificate()).isNotNull();
            }
        }
    }

    @Test
    void on_linux_x86_64_the_server_uses_boringssl_and_its_handshake_works(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("os.arch").equals("amd64"), "the native library ships for Linux x86_64 only");
        assertThat(io.netty.handler.ssl.OpenSsl.isAvailable()).as("BoringSSL loaded").isTrue();
        io.netty.handler.ssl.SslContext context = TlsContexts.forServer(dir, null, null);
        assertThat(context).isInstanceOf(io.netty.handler.ssl.OpenSslContext.class);

        try (TestServer server = TestServer.builder().tls(true).start();
             RawClient c = RawClient.connect(server)) {
            assertThat(c.peerCertificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(c.register("tls_user", "password-123", "TLS").getSelf().getUsername()).isEqualTo("tls_user");
        }
    }
}
