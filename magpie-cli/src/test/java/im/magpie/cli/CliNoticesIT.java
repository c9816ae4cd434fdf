package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every connecting command syncs the inbox quietly; {@code receive} still prints each notice and
 * message no command has shown, exactly once (a person never misses a notice).
 */
class CliNoticesIT {
    private static int counter;

    @TempDir
    Path profile;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record User(String name, Cli cli) {}

    private User register(String prefix) {
        String name = prefix + (++counter) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Cli cli = new Cli(profile.resolve(name), "127.0.0.1:" + server.port(), false);
        ok(cli.env("MAGPIE_PASSWORD", "password-123").run("register", name));
        return new User(name, cli);
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static List<JsonNode> lines(Cli.Result r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().lines().filter(l -> !l.isBlank()).toList()) {
            out.add(Output.mapper().readTree(line));
        }
        return out;
    }

    @Test
    void an_acceptance_synced_by_another_command_is_received_once() {
        User alice = register("alice");
        User bob = register("bob");
        ok(alice.cli().run("friend", "request", bob.name()));
        ok(bob.cli().run("friend", "accept", alice.name()));

        ok(alice.cli().run("send", bob.name(), "we are friends now")); // syncs the acceptance quietly

        assertThat(ok(alice.cli().run("receive")).out()).contains(bob.name() + " accepted your friend request");
        assertThat(ok(alice.cli().run("receive")).out()).doesNotContain("accepted");
    }

    @Test
    void a_rejection_synced_by_friend_list_is_received_once_as_json() throws Exception {
        User alice = register("alice");
        User bob = register("bob");
        ok(alice.cli().run("friend", "request", bob.name()));
        ok(bob.cli().run("friend", "reject", alice.name()));

        ok(alice.cli().run("friend", "list"));

        List<JsonNode> first = lines(ok(alice.cli().run("receive", "--json")));
        assertThat(first).anySatisfy(n -> {
            assertThat(n.get("type").asText()).isEqualTo("friend_request");
            assertThat(n.get("state").asText()).isEqualTo("REJECTED");
            assertThat(n.get("toUsername").asText()).isEqualTo(bob.name());
        });
        assertThat(lines(ok(alice.cli().run("receive", "--json")))).isEmpty();
    }

    @Test
    void a_group_invitation_synced_by_another_command_is_received_once() {
        User alice = register("alice");
        User bob = register("bob");
        ok(alice.cli().run("friend", "request", bob.name()));
        ok(bob.cli().run("friend", "accept", alice.name()));
        ok(bob.cli().run("receive"));
        ok(alice.cli().run("group", "create", "读书会", "--policy", "INVITE_ONLY", "--invite", bob.name()));

        ok(bob.cli().run("friend", "list"));

        assertThat(ok(bob.cli().run("receive")).out()).contains(alice.name() + " invited you to group 读书会");
        assertThat(ok(bob.cli().run("receive")).out()).doesNotContain("invited");
    }

    @Test
    void a_message_synced_by_another_command_is_received_once() {
        User alice = register("alice");
        User bob = register("bob");
        ok(alice.cli().run("friend", "request", bob.name()));
        ok(bob.cli().run("friend", "accept", alice.name()));
        ok(bob.cli().run("send", alice.name(), "are you there?"));

        ok(alice.cli().run("friend", "list"));

        assertThat(ok(alice.cli().run("receive")).out()).contains("are you there?");
        assertThat(ok(alice.cli().run("receive")).out()).doesNotContain("are you there?");
    }
}
