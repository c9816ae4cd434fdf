package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.server.account.AccountSettings;
import im.magpie.server.config.Settings;
import im.magpie.server.group.GroupSettings;
import im.magpie.server.store.Database;
import im.magpie.server.store.Dialect;
import im.magpie.testkit.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import im.magpie.testkit.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The message scenarios end to end against a real server on each enabled database: small, bounded runs whose
 * accounting must come out clean. Measures nothing: the numbers are not asserted.
 */
class BenchScenariosIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static Path seeded(TestServer server, Path dir, int users) {
        // A second pool on the server's database; for H2 it shares the server's in-process
        // database and is left open (closing it would shut H2 down under the server).
        String url = server.jdbcUrl() != null ? server.jdbcUrl() : Database.embeddedUrl(server.dataDir());
        Database db = Database.open(url, "", "", 2);
        List<Tokens.User> seeded = new Seeder(db, "bench").seed(users, Settings.builder()
                .set(AccountSettings.ARGON2_MEMORY_KIB, 256).set(AccountSettings.ARGON2_ITERATIONS, 1).build(), Duration.ofDays(1));
        if (db.dialect() != Dialect.H2) db.close();
        Path tokens = dir.resolve("tokens.tsv");
        Tokens.write(tokens, seeded);
        return tokens;
    }

    private static PhaseResult.RunReport run(TestServer server, Path tokens, Path out, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--port", Integer.toString(server.port()), "--tokens", tokens.toString(), "--out", out.toString(),
                "--max-seconds", "120"));
        CommandLine cl = new CommandLine(new BenchCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(new String[0]));
        assertThat(code).as("exit status; stderr: %s", err).isZero();
        return Results.read(out);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_open_loop_direct_run_delivers_every_message_once_in_order(TestDatabase backend, @TempDir Path dir) {
        try (TestServer server = TestServer.builder().database(backend).set(GroupSettings.LOBBY_ENABLED, false).start()) {
            Path tokens = seeded(server, dir, 12);

            PhaseResult.RunReport report = run(server, tokens, dir.resolve("direct.json"), "direct", "--pairs", "4",
                    "--idle", "4", "--rates", "40,80", "--warmup", "0.5", "--duration", "1", "--drain-seconds", "20");

            assertThat(report.phases()).hasSize(2);
            for (PhaseResult p : report.phases()) {
                assertThat(p.connections()).isEqualTo(12);
                assertThat(p.messages().sent()).isPositive();
                assertThat(p.messages().delivered()).isEqualTo(p.messages().sent() - p.messages().refused());
                assertThat(p.messages().clean()).isTrue();
                assertThat(p.latencyMicros().count()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_closed_loop_direct_run_keeps_its_window_and_accounts_everything(TestDatabase backend, @TempDir Path dir) {
        try (TestServer server = TestServer.builder().database(backend).set(GroupSettings.LOBBY_ENABLED, false).start()) {
            Path tokens = seeded(server, dir, 4);

            PhaseResult.RunReport report = run(server, tokens, dir.resolve("closed.json"), "direct", "--pairs", "2",
                    "--window", "2", "--warmup", "0", "--duration", "1", "--drain-seconds", "20");

            PhaseResult p = report.phases().get(0);
            assertThat(p.window()).isEqualTo(2);
            assertThat(p.messages().sent()).isGreaterThanOrEqualTo(8); // at least the first window of each of 4 senders
            assertThat(p.messages().delivered()).isEqualTo(p.messages().sent());
            assertThat(p.messages().clean()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_group_run_accounts_each_message_at_every_other_member(TestDatabase backend, @TempDir Path dir) {
        try (TestServer server = TestServer.builder().database(backend).set(GroupSettings.LOBBY_ENABLED, false).start()) {
            Path tokens = seeded(server, dir, 8);

            PhaseResult.RunReport report = run(server, tokens, dir.resolve("group.json"), "group", "--groups", "2",
                    "--members", "4", "--senders", "2", "--rate", "20", "--warmup", "0", "--duration", "1",
                    "--drain-seconds", "20");

            PhaseResult p = report.phases().get(0);
            assertThat(p.connections()).isEqualTo(8);
            assertThat(p.messages().sent() % 3).isZero(); // each message counted at the 3 other members
            assertThat(p.messages().delivered()).isEqualTo(p.messages().sent());
            assertThat(p.messages().clean()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_mixed_run_chats_changes_presence_and_reconnects(TestDatabase backend, @TempDir Path dir) {
        try (TestServer server = TestServer.builder().database(backend).set(GroupSettings.LOBBY_ENABLED, false).start()) {
            Path tokens = seeded(server, dir, 16);

            PhaseResult.RunReport report = run(server, tokens, dir.resolve("mixed.json"), "mixed", "--users", "16",
                    "--pairs", "3", "--presence", "3", "--presence-seconds", "1", "--reconnecting", "3",
                    "--reconnect-seconds", "1", "--rate", "20", "--warmup", "0", "--duration", "2.5", "--drain-seconds", "20");

            PhaseResult p = report.phases().get(0);
            assertThat(p.connections()).isEqualTo(16);
            assertThat(p.messages().clean()).isTrue();
            assertThat(p.counters().get("presenceChanges")).isPositive();
            assertThat(p.counters().get("reconnects")).isPositive();
            assertThat(p.counters().get("reconnectFailures")).isZero();
        }
    }
}
