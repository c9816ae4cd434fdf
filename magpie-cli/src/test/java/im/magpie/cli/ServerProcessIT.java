package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process-level test: {@code magpie server} runs as its own JVM (the same main class as
 * {@code ./magpie}), the CLI drives it over TLS, and SIGTERM shuts it down gracefully.
 */
class ServerProcessIT {
    private static final Pattern READY = Pattern.compile("ready on port (\\d+)");

    @Test
    void magpie_server_runs_as_a_process_serves_the_cli_over_tls_and_stops_cleanly_on_sigterm(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.err");
        Process server = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", // the shipped config, not the test kit's quiet one
                "im.magpie.cli.Main", "server", "--port", "0", "--host", "127.0.0.1", "--admin-port", "-1",
                "--data-dir", data.toString(), "--argon2-memory-kib", "1024", "--argon2-iterations", "1"))
                .redirectError(log.toFile())
                .start();
        try {
            int port = awaitReady(server);
            Cli cli = new Cli(dir.resolve("profile"), "127.0.0.1:" + port, true);

            Cli.Result registered = cli.runWithStdin("s3cret-pass\n", "register", "--user", "alice", "--password-stdin");
            assertThat(registered.exitCode()).as(registered.toString()).isZero();
            assertThat(registered.err()).contains("first use"); // the certificate was pinned, and we were told

            Cli.Result whoami = cli.run("whoami", "--json");
            assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
            assertThat(whoami.out()).contains("\"username\":\"alice\"");

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server stopped after SIGTERM").isTrue();
            String logged = Files.readString(log);
            assertThat(logged).contains("shutting down").contains("stopped");
            assertThat(logged).doesNotContain("s3cret-pass");

            Cli.Result offline = cli.run("whoami");
            assertThat(offline.exitCode()).isEqualTo(ExitCode.NETWORK.code());
        } finally {
            server.destroyForcibly();
        }
    }

    private static int awaitReady(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        long started = System.nanoTime();
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                System.out.printf("magpie server ready after %d ms%n", (System.nanoTime() - started) / 1_000_000);
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("the server exited before it was ready: exit " + server.waitFor());
    }
}
