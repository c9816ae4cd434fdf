package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.KnownServers;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS trust on first use, as the person at the terminal sees it. */
class CliTlsIT {
    @TempDir
    Path profile;

    @Test
    void the_first_contact_is_announced_and_a_changed_certificate_exits_8_until_forgotten() {
        int port;
        String address;
        try (TestServer server = TestServer.builder().tls(true).start()) {
            port = server.port();
            address = server.host() + ":" + port;
            Cli cli = new Cli(profile, address, true).env("MAGPIE_PASSWORD", "correct horse");

            Cli.Result first = cli.run("register", "tlsuser");
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.err()).contains("Trusting the TLS certificate of " + address);

            Cli.Result second = cli.run("whoami");
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.err()).doesNotContain("Trusting");
        }

        try (TestServer impostor = TestServer.builder().tls(true).set(CoreSettings.PORT, port).start()) {
            Cli cli = new Cli(profile, address, true).env("MAGPIE_PASSWORD", "correct horse");

            Cli.Result refused = cli.run("login", "tlsuser");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(8);
            assertThat(refused.err().lines()).hasSize(1);
            assertThat(refused.err()).contains("CHANGED").contains("magpie trust --forget " + address);

            assertThat(cli.run("trust", "--forget", address).exitCode()).isZero();
            Cli.Result trusted = cli.run("register", "tlsuser");
            assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
            assertThat(trusted.err()).contains("Trusting");
            assertThat(KnownServers.inProfile(profile).list()).hasSize(1);
        }
    }
}
