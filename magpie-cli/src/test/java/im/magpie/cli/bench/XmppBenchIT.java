package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench's XMPP driver against a real XMPP server (ejabberd from bench/ejabberd/run.sh, which
 * .ci/run starts): in-band registration, logins, chat both ways in each pair, open and closed
 * loop, every message accounted clean. Runs when {@code MAGPIE_TEST_XMPP=host:port} (system
 * property {@code magpie.test.xmpp}) is set, and fails when that server is not there.
 * Measures nothing.
 */
class XmppBenchIT {
    private static String host;
    private static String port;
    @TempDir
    static Path dir;
    private static Path tokens;

    static String server() {
        String s = System.getProperty("magpie.test.xmpp");
        if (s == null || s.isBlank() || s.startsWith("${")) s = System.getenv("MAGPIE_TEST_XMPP");
        return s == null || s.isBlank() || s.startsWith("${") ? null : s;
    }

    private record Run(int code, String out, String err) {}

    private static Run bench(String... args) {
        CommandLine cl = new CommandLine(new BenchCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void registerUsers() {
        String s = server();
        Assumptions.assumeTrue(s != null, "MAGPIE_TEST_XMPP is not set");
        host = s.substring(0, s.lastIndexOf(':'));
        port = s.substring(s.lastIndexOf(':') + 1);
        tokens = dir.resolve("xmpp-tokens.tsv");
        String prefix = "it" + UUID.randomUUID().toString().substring(0, 8) + "u"; // the server's spool outlives runs
        Run setup = bench("setup", "--protocol", "xmpp", "--host", host, "--port", port, "--users", "12", "--prefix", prefix,
                "--tokens", tokens.toString());
        assertThat(setup.code()).as("setup; stderr: %s", setup.err()).isZero();
        assertThat(Tokens.read(tokens)).hasSize(12);
    }

    private static PhaseResult.RunReport direct(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("direct", "--protocol", "xmpp", "--host", host, "--port", port,
                "--tokens", tokens.toString(), "--out", out.toString(), "--max-seconds", "120"));
        all.addAll(List.of(args));
        Run run = bench(all.toArray(new String[0]));
        assertThat(run.code()).as("exit status; stderr: %s", run.err()).isZero();
        return Results.read(out);
    }

    @Test
    void an_open_loop_run_delivers_every_message_once_in_order_in_both_directions() {
        PhaseResult.RunReport report = direct(dir.resolve("open.json"), "--pairs", "4", "--idle", "4", "--rates", "40,80",
                "--warmup", "0.5", "--duration", "1", "--drain-seconds", "20");

        assertThat(report.phases()).hasSize(2);
        for (PhaseResult p : report.phases()) {
            assertThat(p.connections()).isEqualTo(12);
            assertThat(p.counters()).containsEntry("senders", 8L).containsEntry("receivers", 8L);
            assertThat(p.messages().sent()).isPositive();
            assertThat(p.messages().refused()).isZero();
            assertThat(p.messages().delivered()).isEqualTo(p.messages().sent());
            assertThat(p.messages().clean()).isTrue();
            assertThat(p.latencyMicros().count()).isPositive();
        }
    }

    @Test
    void a_closed_loop_run_is_driven_by_the_servers_stream_management_acks() {
        PhaseResult.RunReport report = direct(dir.resolve("closed.json"), "--pairs", "3", "--window", "4",
                "--warmup", "0.5", "--duration", "1", "--drain-seconds", "20");

        PhaseResult p = report.phases().get(0);
        // with 4 in flight per sender, nothing is sent after the first window unless acks come back
        assertThat(p.messages().sent()).isGreaterThan(6 * 4);
        assertThat(p.ackedPerSecond()).isPositive();
        assertThat(p.messages().delivered()).isEqualTo(p.messages().sent());
        assertThat(p.messages().clean()).isTrue();
    }

    @Test
    void registering_the_same_users_again_is_refused_with_the_servers_reason() {
        List<Tokens.User> users = Tokens.read(tokens);
        String prefix = users.get(0).username().substring(0, users.get(0).username().length() - 1);
        Run again = bench("setup", "--protocol", "xmpp", "--host", host, "--port", port, "--users", "2", "--prefix", prefix,
                "--tokens", dir.resolve("again.tsv").toString());

        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("2 of 2 registrations failed").contains("conflict");
    }

    @Test
    void a_wrong_password_fails_the_login() {
        List<Tokens.User> users = Tokens.read(tokens);
        Path wrong = dir.resolve("wrong.tsv");
        Tokens.write(wrong, List.of(new Tokens.User(0, 1, users.get(0).username(), "not-the-password")));
        bench("connect", "--protocol", "xmpp", "--host", host, "--port", port, "--tokens", wrong.toString(),
                "-c", "1", "--hold", "0", "--out", dir.resolve("wrong.json").toString());

        // the reason (not-authorized) goes to the progress output; XmppNegotiationTest checks the text
        PhaseResult login = Results.read(dir.resolve("wrong.json")).phases().get(0);
        assertThat(login.connections()).isZero();
        assertThat(login.connectFailures()).isEqualTo(1);
    }
}
