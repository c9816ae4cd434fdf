package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.client.internal.MagpieClient;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust on first use against the real server's self-signed certificate. */
class TlsPinningIT {
    @TempDir
    Path profile;

    private MagpieClient client(TestServer server, List<KnownServers.Entry> pinned) {
        return MagpieClient.builder().host(server.host()).port(server.port()).profileDir(profile)
                .onServerPinned(pinned::add).build();
    }

    @Test
    void the_first_connection_pins_the_certificate_and_later_ones_use_the_pin() {
        List<KnownServers.Entry> pinned = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.builder().tls(true).start()) {
            try (MagpieClient first = client(server, pinned)) {
                first.connect().join();
                first.register("tofu_" + System.nanoTime() % 100000, "correct horse", "T").join();
            }
            try (MagpieClient second = client(server, pinned)) {
                second.connect().join();
            }
            assertThat(pinned).hasSize(1);
            assertThat(KnownServers.inProfile(profile).fingerprint("127.0.0.1:" + server.port()))
                    .contains(pinned.get(0).fingerprint());
        }
    }

    @Test
    void a_changed_certificate_is_refused_with_instructions() {
        List<KnownServers.Entry> pinned = new CopyOnWriteArrayList<>();
        int port;
        try (TestServer original = TestServer.builder().tls(true).start();
             MagpieClient client = client(original, pinned)) {
            client.connect().join();
            port = original.port();
        }
        String key = "127.0.0.1:" + port;
        String oldFingerprint = pinned.get(0).fingerprint();

        // another server (new data directory, so a new self-signed certificate) on the same address
        try (TestServer impostor = TestServer.builder().tls(true).set(CoreSettings.PORT, port).start();
             MagpieClient client = client(impostor, pinned)) {
            assertThatThrownBy(() -> client.connect().join()).cause()
                    .isInstanceOfSatisfying(CertificateChangedException.class, e -> {
                        assertThat(e.server()).isEqualTo(key);
                        assertThat(e.pinnedFingerprint()).isEqualTo(oldFingerprint);
                        assertThat(e.presentedFingerprint()).isNotEqualTo(oldFingerprint);
                        assertThat(e.getMessage()).contains("magpie trust --forget " + key);
                    });

            KnownServers.inProfile(profile).forget(key);
            try (MagpieClient again = client(impostor, pinned)) {
                again.connect().join();
            }
            assertThat(KnownServers.inProfile(profile).fingerprint(key)).contains(pinned.get(1).fingerprint());
        }
    }
}
