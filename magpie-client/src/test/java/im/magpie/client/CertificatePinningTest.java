package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.client.internal.MagpieClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust on first use against a fake TLS server with a fresh self-signed certificate each start. */
class CertificatePinningTest {
    @TempDir
    Path profile;

    private MagpieClient client(int port, List<KnownServers.Entry> pinned) {
        return MagpieClient.builder().host("127.0.0.1").port(port).profileDir(profile)
                .onServerPinned(pinned::add).build();
    }

    @Test
    void the_first_contact_pins_the_certificate_and_tells_the_callback() throws Exception {
        List<KnownServers.Entry> pinned = new CopyOnWriteArrayList<>();
        try (FakeServer server = FakeServer.startTls(0, f -> List.of());
             MagpieClient client = client(server.port(), pinned)) {
            client.connect().join();

            String key = "127.0.0.1:" + server.port();
            assertThat(pinned).hasSize(1);
            assertThat(pinned.get(0).server()).isEqualTo(key);
            assertThat(KnownServers.inProfile(profile).fingerprint(key)).contains(pinned.get(0).fingerprint());
        }
    }

    @Test
    void a_known_certificate_is_accepted_silently() throws Exception {
        List<KnownServers.Entry> pinned = new CopyOnWriteArrayList<>();
        try (FakeServer server = FakeServer.startTls(0, f -> List.of())) {
            try (MagpieClient first = client(server.port(), pinned)) {
                first.connect().join();
            }
            try (MagpieClient second = client(server.port(), pinned)) {
                second.connect().join();
                assertThat(second.state()).isEqualTo(ConnectionState.ONLINE);
            }
            assertThat(pinned).hasSize(1);
        }
    }

    @Test
    void a_changed_certificate_is_refused_with_instructions() throws Exception {
        List<KnownServers.Entry> pinned = new CopyOnWriteArrayList<>();
        int port;
        String oldFingerprint;
        try (FakeServer server = FakeServer.startTls(0, f -> List.of());
             MagpieClient client = client(server.port(), pinned)) {
            client.connect().join();
            port = server.port();
            oldFingerprint = pinned.get(0).fingerprint();
        }

        try (FakeServer impostor = FakeServer.startTls(port, f -> List.of());
             MagpieClient client = client(port, pinned)) {
            assertThatThrownBy(() -> client.connect().join()).cause()
                    .isInstanceOfSatisfying(CertificateChangedException.class, e -> {
                        assertThat(e.pinnedFingerprint()).isEqualTo(oldFingerprint);
                        assertThat(e.presentedFingerprint()).isNotEqualTo(oldFingerprint).hasSize(64);
                        assertThat(e.getMessage()).contains("CHANGED").contains(oldFingerprint)
                                .contains("magpie trust --forget 127.0.0.1:" + port + " --profile-dir "
                                        + profile.toAbsolutePath())
                                .contains(profile.resolve("known_servers").toString());
                    });
            assertThat(impostor.received()).as("nothing was sent to the impostor").isEmpty();
            assertThat(client.state()).isEqualTo(ConnectionState.OFFLINE);
        }
        assertThat(KnownServers.inProfile(profile).fingerprint("127.0.0.1:" + port)).contains(oldFingerprint);
    }

    @Test
    void a_tls_client_against_a_plain_server_fails_with_a_hint() throws Exception {
        try (FakeServer server = FakeServer.start(f -> List.of());
             MagpieClient client = MagpieClient.builder().host("127.0.0.1").port(server.port()).profileDir(profile)
                     .connectTimeout(java.time.Duration.ofSeconds(3)).requestTimeout(java.time.Duration.ofSeconds(3))
                     .build()) {
            assertThatThrownBy(() -> client.connect().join()).cause()
                    .isInstanceOf(MagpieConnectionException.class).hasMessageContaining("--no-tls");
        }
    }
}
