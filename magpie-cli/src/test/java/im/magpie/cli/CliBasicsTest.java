package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import im.magpie.client.KnownServers;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI does before (or without) reaching a server. */
class CliBasicsTest {
    @TempDir
    Path profile;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void an_unreachable_server_exits_8_with_one_line_on_stderr() throws Exception {
        Cli cli = new Cli(profile, "127.0.0.1:" + freePort(), false);

        Cli.Result r = cli.env("MAGPIE_PASSWORD", "whatever1").run("login", "alice");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(8);
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("magpie: cannot reach 127.0.0.1:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void a_command_without_a_stored_session_exits_3_and_says_how_to_log_in() {
        Cli.Result r = new Cli(profile, "127.0.0.1:7999", false).run("whoami");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("not logged in on 127.0.0.1:7999").contains("magpie login");
    }

    @Test
    void an_unknown_option_is_a_usage_error() {
        Cli.Result r = new Cli(profile, "x:1", false).run("whoami", "--frobnicate");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--frobnicate");
    }

    @Test
    void a_malformed_server_address_is_a_usage_error() {
        Cli.Result r = new Cli(profile, "host:notaport", false).run("whoami");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("bad server address");
    }

    @Test
    void without_a_terminal_stdin_or_environment_there_is_no_password_and_that_is_a_usage_error() {
        Cli.Result r = new Cli(profile, "x:1", false).run("login", "alice");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--password-stdin").contains("MAGPIE_PASSWORD");
    }

    @Test
    void a_password_is_never_accepted_as_an_argument() {
        Cli.Result r = new Cli(profile, "x:1", false).run("login", "alice", "--password", "secret");

        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void trust_lists_pinned_servers_as_text_and_json_and_forgets_one() throws Exception {
        KnownServers.inProfile(profile).pin("chat.example:7878", "ab".repeat(32));
        Cli cli = new Cli(profile, "x:1", false);

        assertThat(cli.run("trust").out()).contains("chat.example:7878  sha256 " + "ab".repeat(32));
        JsonNode json = Output.mapper().readTree(cli.run("trust", "--json").out());
        assertThat(json.get(0).get("server").asText()).isEqualTo("chat.example:7878");

        Cli.Result forget = cli.run("trust", "--forget", "chat.example:7878");
        assertThat(forget.exitCode()).as(forget.toString()).isZero();
        assertThat(KnownServers.inProfile(profile).list()).isEmpty();
        assertThat(cli.run("trust", "--forget", "chat.example:7878").exitCode()).isEqualTo(5);
    }

    @Test
    void messages_follow_magpie_lang() {
        Cli.Result r = new Cli(profile, "127.0.0.1:7999", false).env("MAGPIE_LANG", "zh_CN").run("whoami");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("尚未登录");
    }

    @Test
    void the_exit_code_table_in_the_docs_matches_the_enum() throws Exception {
        Path doc = Path.of("..", "docs", "cli.md");
        String text = Files.readString(doc);
        for (ExitCode code : ExitCode.values()) {
            assertThat(text).contains("| " + code.code() + " | `" + code.name() + "` |");
        }
    }

    @Test
    void every_client_command_has_help_with_the_common_options() {
        Cli.Result r = new Cli(profile, "x:1", false).raw("", "whoami", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--server").contains("--user").contains("--profile-dir")
                .contains("--json").contains("--no-tls");
    }

    @Test
    void option_help_is_translated_for_chinese_users() {
        Cli.Result r = new Cli(profile, "x:1", false).env("MAGPIE_LANG", "zh-CN").raw("", "login", "--help");

        assertThat(r.out()).contains("从标准输入的第一行读取密码");
    }

    @Test
    void subcommand_groups_take_help_and_list_their_subcommands() {
        for (String group : List.of("friend", "group", "users", "profile")) {
            Cli.Result r = new Cli(profile, "x:1", false).run(group, "--help");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).as(group).contains("Usage: magpie " + group);
        }
        Cli.Result r = new Cli(profile, "x:1", false).run("friend", "category", "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void a_missing_avatar_file_is_named_once_and_plainly() {
        Path missing = profile.resolve("nope.png");
        Cli.Result r = new Cli(profile, "x:1", false).run("profile", "set", "--avatar", missing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no such file: " + missing).doesNotContain(missing + ": " + missing);
    }
}
