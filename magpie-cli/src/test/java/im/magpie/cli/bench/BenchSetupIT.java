package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.ResumeRequest;
import im.magpie.server.account.AccountSettings;
import im.magpie.server.config.Settings;
import im.magpie.server.store.Database;
import im.magpie.server.store.Dialect;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The setup helpers against a real server database, and the connect scenario against a real server. */
class BenchSetupIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    /**
     * A second pool on the server's database. For H2 it shares the server's in-process database;
     * it is left open there, because closing it would shut H2 down under the server.
     */
    private static String url(TestServer server) {
        return server.jdbcUrl() != null ? server.jdbcUrl() : Database.embeddedUrl(server.dataDir());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void seeded_users_log_in_with_their_resume_tokens_and_pairs_are_friends(TestDatabase backend) {
        try (TestServer server = TestServer.builder().database(backend).start()) {
            List<Tokens.User> users;
            String url = url(server);
            Database db = Database.open(url, "", "", 2);
            try {
                users = new Seeder(db, "bench").seed(6, Settings.builder()
                        .set(AccountSettings.ARGON2_MEMORY_KIB, 256).set(AccountSettings.ARGON2_ITERATIONS, 1).build(),
                        Duration.ofDays(1));
            } finally {
                if (db.dialect() != Dialect.H2) db.close();
            }

            assertThat(users).extracting(Tokens.User::username).containsExactly("bench0", "bench1", "bench2", "bench3",
                    "bench4", "bench5");
            try (RawClient c = RawClient.connect(server)) {
                Frame ok = c.request(Frame.newBuilder().setResume(ResumeRequest.newBuilder().setResumeToken(users.get(3).token())));
                assertThat(ok.hasLoginOk()).as("%s", ok).isTrue();
                assertThat(ok.getLoginOk().getSelf().getUserId()).isEqualTo(users.get(3).userId());
                assertThat(ok.getLoginOk().getSelf().getUsername()).isEqualTo("bench3");
            }
            var graph = server.server().features().social().graph();
            assertThat(graph.areFriends(users.get(2).userId(), users.get(3).userId())).isTrue();
            assertThat(graph.areFriends(users.get(3).userId(), users.get(2).userId())).isTrue();
            assertThat(graph.areFriends(users.get(1).userId(), users.get(2).userId())).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void extra_friends_give_every_user_that_many_more_friends_both_ways_and_keep_the_chat_pairs(TestDatabase backend) {
        try (TestServer server = TestServer.builder().database(backend).start()) {
            String url = url(server);
            Database db = Database.open(url, "", "", 2);
            try {
                Seeder seeder = new Seeder(db, "benchf");
                List<Tokens.User> users = seeder.seed(10, Settings.builder().set(AccountSettings.ARGON2_MEMORY_KIB, 256)
                        .set(AccountSettings.ARGON2_ITERATIONS, 1).build(), Duration.ofDays(1));
                seeder.befriendAround(users, 4);

                var graph = server.server().features().social().graph();
                for (Tokens.User u : users) {
                    int friends = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM friendships WHERE owner_id = :u")
                            .bind("u", u.userId()).mapTo(Integer.class).one());
                    assertThat(friends).as(u.username()).isEqualTo(1 + 4);
                }
                assertThat(graph.areFriends(users.get(0).userId(), users.get(1).userId())).isTrue(); // the chat pair
                assertThat(graph.areFriends(users.get(0).userId(), users.get(4).userId())).isTrue();  // 0 + 2 * 2
                assertThat(graph.areFriends(users.get(4).userId(), users.get(0).userId())).isTrue();
                assertThat(graph.areFriends(users.get(8).userId(), users.get(0).userId())).isTrue();  // (8 + 2) % 10
                assertThat(graph.areFriends(users.get(0).userId(), users.get(3).userId())).isFalse();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> seeder.befriendAround(users, 3))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> seeder.befriendAround(users, 6))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 14 users");
                seeder.cleanup();
            } finally {
                if (db.dialect() != Dialect.H2) db.close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void setup_replaces_earlier_bench_users_and_cleanup_removes_them_all(TestDatabase backend) {
        try (TestServer server = TestServer.builder().database(backend).start()) {
            String url = url(server);
            Database db = Database.open(url, "", "", 2);
            try {
                Seeder seeder = new Seeder(db, "benchx");
                Settings cheap = Settings.builder().set(AccountSettings.ARGON2_MEMORY_KIB, 256)
                        .set(AccountSettings.ARGON2_ITERATIONS, 1).build();
                seeder.seed(4, cheap, Duration.ofDays(1));
                assertThat(seeder.cleanup()).isEqualTo(4);
                List<Tokens.User> again = seeder.seed(4, cheap, Duration.ofDays(1));
                assertThat(seeder.cleanup()).isEqualTo(4);

                try (RawClient c = RawClient.connect(server)) {
                    Frame refused = c.request(Frame.newBuilder().setResume(ResumeRequest.newBuilder()
                            .setResumeToken(again.get(0).token())));
                    assertThat(refused.hasError()).isTrue();
                }
                int left = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM inbox_heads WHERE user_id = :id").bind("id", again.get(0).userId())
                        .mapTo(Integer.class).one());
                assertThat(left).isZero();
            } finally {
                if (db.dialect() != Dialect.H2) db.close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_connect_scenario_logs_every_seeded_user_in_and_writes_a_result_file(TestDatabase backend, @TempDir Path dir)
            throws Exception {
        try (TestServer server = TestServer.builder().database(backend).start()) {
            String url = url(server);
            Database db = Database.open(url, "", "", 2);
            List<Tokens.User> users;
            try {
                users = new Seeder(db, "bench").seed(40, Settings.defaults(), Duration.ofDays(1));
            } finally {
                if (db.dialect() != Dialect.H2) db.close();
            }
            Path tokens = dir.resolve("tokens.tsv");
            Tokens.write(tokens, users);
            Path out = dir.resolve("connect.json");

            CommandLine cl = new CommandLine(new BenchCommand());
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute("connect", "-c", "40", "--hold", "1", "--rounds", "2", "--port", Integer.toString(server.port()),
                    "--tokens", tokens.toString(), "--connect-concurrency", "8", "--out", out.toString(),
                    "--max-seconds", "120");

            assertThat(code).as(err.toString()).isZero();
            PhaseResult.RunReport report = Results.read(out);
            assertThat(report.phases()).extracting(PhaseResult::label)
                    .containsExactly("login #1", "hold 1 s #1", "login #2", "hold 1 s #2");
            for (int round = 0; round < 2; round++) {
                PhaseResult login = report.phases().get(2 * round);
                assertThat(login.connections()).isEqualTo(40);
                assertThat(login.connectFailures()).isZero();
                assertThat(login.loginsPerSecond()).isPositive();
                assertThat(login.loginLatencyMicros().count()).as("each round's logins only").isEqualTo(40);
                assertThat(report.phases().get(2 * round + 1).counters()).containsEntry("alive", 40L).containsEntry("dropped", 0L);
            }
        }
    }
}
