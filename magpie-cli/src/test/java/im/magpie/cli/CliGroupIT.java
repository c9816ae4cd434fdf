package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code magpie group ...} against a real server, two people with their own profiles. */
class CliGroupIT {
    private static TestServer server;
    private static int counter;

    @TempDir
    Path aliceProfile;

    @TempDir
    Path bobProfile;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Cli registered(Path profile, String prefix) {
        Cli cli = new Cli(profile, server.host() + ":" + server.port(), false);
        String name;
        synchronized (CliGroupIT.class) {
            name = prefix + (++counter) + "_" + Long.toString(System.nanoTime() % 100_000, 36);
        }
        Cli.Result r = cli.runWithStdin("correct horse\n", "register", name, "--password-stdin");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return cli;
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return Output.mapper().readTree(r.out());
    }

    private static String username(Cli cli) throws Exception {
        return json(cli.run("whoami", "--json")).get("username").asText();
    }

    @Test
    void create_invite_accept_members_admin_transfer_leave_and_dissolve() throws Exception {
        Cli alice = registered(aliceProfile, "alice");
        Cli bob = registered(bobProfile, "bob");
        String bobName = username(bob);
        long bobId = json(bob.run("whoami", "--json")).get("userId").asLong();

        JsonNode created = json(alice.run("group", "create", "读书会", "--policy", "invite_only",
                "--announcement", "Fridays", "--invite", Long.toString(bobId), "--json"));
        long gid = created.get("groupId").asLong();
        assertThat(created.get("myRole").asText()).isEqualTo("OWNER");
        assertThat(created.get("joinPolicy").asText()).isEqualTo("INVITE_ONLY");

        Cli.Result accepted = bob.run("group", "accept", Long.toString(gid));
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(accepted.out()).contains("Joined 读书会");

        JsonNode list = json(bob.run("group", "list", "--json"));
        assertThat(list.isArray()).isTrue();
        assertThat(list.get(0).get("groupId").asLong()).isEqualTo(gid);
        assertThat(list.get(0).get("memberCount").asInt()).isEqualTo(2);

        // by name: a group is also its name among one's groups
        JsonNode members = json(alice.run("group", "members", "读书会", "--json"));
        assertThat(members.get("members")).hasSize(2);
        assertThat(members.get("onlineCount").asInt()).isEqualTo(1); // alice's command itself; bob's has ended
        Cli.Result text = alice.run("group", "members", Long.toString(gid));
        assertThat(text.out()).contains("2 members").contains(bobName).contains("OWNER");

        Cli.Result byMember = bob.run("group", "dissolve", Long.toString(gid));
        assertThat(byMember.exitCode()).isEqualTo(ExitCode.FORBIDDEN.code());
        assertThat(byMember.err().lines().count()).isEqualTo(1);
        Cli.Result ownerLeaves = alice.run("group", "leave", Long.toString(gid));
        assertThat(ownerLeaves.exitCode()).as(ownerLeaves.toString()).isEqualTo(ExitCode.CONFLICT.code());

        assertThat(alice.run("group", "admin", Long.toString(gid), bobName).exitCode()).isZero();
        assertThat(json(bob.run("group", "info", Long.toString(gid), "--json")).get("myRole").asText()).isEqualTo("ADMIN");
        assertThat(alice.run("group", "transfer", Long.toString(gid), bobName).exitCode()).isZero();
        assertThat(alice.run("group", "leave", Long.toString(gid)).exitCode()).isZero();
        Cli.Result info = bob.run("group", "info", Long.toString(gid));
        assertThat(info.out()).contains("OWNER").contains("1 members").contains("Fridays");
        assertThat(bob.run("group", "dissolve", Long.toString(gid)).out()).contains("Dissolved");
        assertThat(bob.run("group", "info", Long.toString(gid)).exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(bob.run("group", "list").out()).contains("no groups");
    }

    @Test
    void join_requests_are_approved_by_admins_and_open_groups_joined_directly() throws Exception {
        Cli alice = registered(aliceProfile, "alice");
        Cli bob = registered(bobProfile, "bob");
        String bobName = username(bob);
        String bobId = json(bob.run("whoami", "--json")).get("userId").asText();
        long approval = json(alice.run("group", "create", "chess", "--json")).get("groupId").asLong();
        Cli.Result asked = bob.run("group", "join", Long.toString(approval), "--note", "hi");
        assertThat(asked.out()).as(asked.toString()).contains("Asked to join chess");
        // the admin's list says whom to approve by name, and the answer names the group
        assertThat(alice.run("group", "pending").out())
                .contains("magpie group approve " + approval + " " + bobName + " (or --reject)");
        Cli.Result approved = alice.run("group", "approve", Long.toString(approval), bobId);
        assertThat(approved.exitCode()).as(approved.toString()).isZero();
        assertThat(approved.out()).contains("into group chess.");
        assertThat(json(bob.run("group", "info", Long.toString(approval), "--json")).get("myRole").asText()).isEqualTo("MEMBER");
        assertThat(alice.run("group", "remove", "chess", bobName).exitCode()).isZero();

        long open = json(alice.run("group", "create", "open room", "--policy", "OPEN", "--json")).get("groupId").asLong();
        assertThat(bob.run("group", "join", Long.toString(open)).out()).contains("Joined open room");
        assertThat(bob.run("group", "info", "no such group").exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(alice.run("group", "create", "x".repeat(41)).exitCode()).isEqualTo(ExitCode.BAD_REQUEST.code());
    }

    @Test
    void send_and_history_reach_a_group_by_its_name() throws Exception {
        Cli alice = registered(aliceProfile, "alice");
        Cli bob = registered(bobProfile, "bob");
        long bobId = json(bob.run("whoami", "--json")).get("userId").asLong();
        long gid = json(alice.run("group", "create", "茶馆 tea", "--policy", "OPEN", "--invite", Long.toString(bobId), "--json"))
                .get("groupId").asLong();
        assertThat(bob.run("group", "accept", "" + gid).exitCode()).isZero();

        Cli.Result sent = alice.run("send", "--group", "茶馆 tea", "大家好", "everyone");
        assertThat(sent.exitCode()).as(sent.toString()).isZero();
        assertThat(bob.run("send", "--group", Long.toString(gid), "hi alice").exitCode()).isZero();

        JsonNode history = json(bob.run("history", "--group", "茶馆 tea", "--json"));
        assertThat(history.get("messages")).extracting(m -> m.get("text").asText()).containsExactly("大家好 everyone", "hi alice");
        Cli.Result text = alice.run("history", "--group", "茶馆 tea");
        assertThat(text.out()).as(text.toString()).contains("大家好 everyone");

        // a non-member can neither post nor read
        Cli carol = registered(aliceProfile.resolve("carol"), "carol");
        assertThat(carol.run("send", "--group", Long.toString(gid), "hello?").exitCode()).isEqualTo(ExitCode.FORBIDDEN.code());
    }
}
