package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import im.magpie.client.profile.AccountStore;
import im.magpie.client.profile.StoredAccount;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account commands, in-process, against a real server over plain TCP. */
class CliAccountIT {
    private static TestServer server;
    private static int counter;

    @TempDir
    Path profile;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Cli cli() {
        return new Cli(profile, server.host() + ":" + server.port(), false);
    }

    private static synchronized String newName() {
        return "cli" + (++counter) + "_" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        return Output.mapper().readTree(r.out());
    }

    @Test
    void register_then_whoami_then_logout_and_whoami_fails_with_exit_3() {
        Cli cli = cli();
        String name = newName();

        Cli.Result register = cli.runWithStdin("correct horse\n", "register", name, "--nickname", "小明", "--password-stdin");
        assertThat(register.exitCode()).as(register.toString()).isZero();
        assertThat(register.out()).contains("Registered " + name);

        Cli.Result whoami = cli.run("whoami");
        assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
        assertThat(whoami.out()).contains(name).contains("小明");
        Cli.Result jsonFirst = cli.run("--json", "whoami"); // options before the command work too
        assertThat(jsonFirst.exitCode()).as(jsonFirst.toString()).isZero();
        assertThat(jsonFirst.out()).startsWith("{").contains("\"" + name + "\"");

        Cli.Result logout = cli.run("logout");
        assertThat(logout.exitCode()).as(logout.toString()).isZero();

        Cli.Result after = cli.run("whoami");
        assertThat(after.exitCode()).as(after.toString()).isEqualTo(3);
        assertThat(after.err().lines()).hasSize(1);
    }

    @Test
    void login_reads_the_password_from_stdin_and_stores_a_private_session() throws Exception {
        String name = newName();
        cli().env("MAGPIE_PASSWORD", "correct horse").run("register", name);
        Path other = profile.resolve("other");
        Cli fresh = new Cli(other, server.host() + ":" + server.port(), false);

        Cli.Result login = fresh.runWithStdin("correct horse\n", "login", name, "--password-stdin");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        StoredAccount stored = new AccountStore(other).list(server.host() + ":" + server.port()).get(0);
        assertThat(stored.username()).isEqualTo(name);
        assertThat(stored.resumeToken()).isNotEmpty();
        Path file = other.resolve("accounts").resolve("127.0.0.1_" + server.port()).resolve(name).resolve("session.properties");
        assertThat(file).isEqualTo(new AccountStore(other).sessionFile(stored.server(), name));
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(fresh.run("whoami").out()).contains(name);
    }

    @Test
    void a_wrong_password_exits_3_with_the_server_message_on_one_line() {
        String name = newName();
        cli().env("MAGPIE_PASSWORD", "correct horse").run("register", name);

        Cli.Result r = cli().runWithStdin("wrong horse\n", "login", name, "--password-stdin");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void server_errors_come_in_the_users_language() {
        Cli.Result r = cli().env("MAGPIE_LANG", "zh_CN").runWithStdin("wrong horse\n", "login", newName(), "--password-stdin");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("用户名或密码错误");
    }

    @Test
    void json_output_parses_and_names_the_account() throws Exception {
        Cli cli = cli().env("MAGPIE_PASSWORD", "correct horse");
        String name = newName();

        JsonNode registered = json(cli.run("register", name, "--json"));
        JsonNode me = json(cli.run("whoami", "--json"));

        assertThat(registered.get("self").get("username").asText()).isEqualTo(name);
        assertThat(registered.has("resumeToken")).isFalse();
        assertThat(me.get("username").asText()).isEqualTo(name);
        assertThat(me.get("userId").asLong()).isEqualTo(registered.get("self").get("userId").asLong());
    }

    @Test
    void registering_a_taken_name_exits_6() {
        String name = newName();
        cli().env("MAGPIE_PASSWORD", "correct horse").run("register", name);

        Cli.Result again = new Cli(profile.resolve("b"), server.host() + ":" + server.port(), false)
                .env("MAGPIE_PASSWORD", "correct horse").run("register", name);

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(6);
    }

    @Test
    void passwd_reads_old_and_new_password_from_stdin() {
        Cli cli = cli();
        String name = newName();
        cli.env("MAGPIE_PASSWORD", "correct horse").run("register", name);

        Cli.Result passwd = cli().runWithStdin("correct horse\nbattery staple\n", "passwd", "--password-stdin");
        assertThat(passwd.exitCode()).as(passwd.toString()).isZero();

        assertThat(cli().runWithStdin("correct horse\n", "login", name, "--password-stdin").exitCode()).isEqualTo(3);
        assertThat(cli().runWithStdin("battery staple\n", "login", name, "--password-stdin").exitCode()).isZero();
    }

    @Test
    void with_two_accounts_for_a_server_user_chooses_between_them() {
        Cli cli = cli().env("MAGPIE_PASSWORD", "correct horse");
        String first = newName();
        String second = newName();
        cli.run("register", first);
        cli.run("register", second);

        Cli.Result ambiguous = cli.run("whoami");
        assertThat(ambiguous.exitCode()).as(ambiguous.toString()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("--user");

        assertThat(cli.run("whoami", "--user", first).out()).contains(first);
        assertThat(cli.run("whoami", "--user", second).out()).contains(second);
    }

    @Test
    void a_revoked_session_exits_3_and_is_forgotten() {
        Cli cli = cli().env("MAGPIE_PASSWORD", "correct horse");
        String name = newName();
        cli.run("register", name);
        String server = CliAccountIT.server.host() + ":" + CliAccountIT.server.port();
        StoredAccount stored = new AccountStore(profile).list(server).get(0);
        new AccountStore(profile).save(new StoredAccount(stored.server(), stored.userId(), stored.username(),
                "not-a-valid-token", 0));

        Cli.Result r = cli.run("whoami");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("log in again");
        assertThat(new AccountStore(profile).list(server)).isEmpty();
    }
}
