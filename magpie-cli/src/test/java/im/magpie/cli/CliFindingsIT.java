package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import im.magpie.testkit.TcpProxy;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user ran into (issue 15), each as the user would meet it. */
class CliFindingsIT {
    private static int counter;

    @TempDir
    Path profile;

    private TestServer server;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        proxy = new TcpProxy(server.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    private record User(String name, Cli cli) {}

    private User register(String prefix) {
        String name = prefix + (++counter) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Cli cli = new Cli(profile.resolve(name), "127.0.0.1:" + proxy.port(), false);
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

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(n -> n.get("type").asText().equals(type)).toList();
    }

    private void befriend(User a, User b) {
        ok(a.cli().run("friend", "request", b.name()));
        ok(b.cli().run("friend", "accept", a.name()));
    }

    @Test
    void finding_1_and_2_a_friend_is_found_by_name_offline_and_named_everywhere() throws Exception {
        User alice = register("alice");
        User bob = register("bob");
        befriend(alice, bob);
        ok(alice.cli().run("send", bob.name(), "hello bob"));
        ok(bob.cli().run("send", alice.name(), "hello alice"));
        ok(alice.cli().run("receive"));

        proxy.refuse(true);
        Cli.Result queued = alice.cli().run("send", bob.name(), "while the server is away");
        assertThat(queued.exitCode()).as(queued.toString()).isEqualTo(9);
        Cli.Result search = alice.cli().run("search", "--with", bob.name(), "hello");
        assertThat(search.exitCode()).as(search.toString()).isZero();
        assertThat(search.out()).contains(bob.name() + ": [hello] alice").contains(alice.name() + ": [hello] bob");
        Cli.Result history = alice.cli().run("history", bob.name(), "--local");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.out()).contains(bob.name() + ": hello alice").doesNotContain("user ");
        proxy.refuse(false);
    }

    @Test
    void finding_3_notices_say_who_did_what_and_a_rejected_requester_is_told() throws Exception {
        User alice = register("alice");
        User bob = register("bob");
        ok(alice.cli().run("friend", "request", bob.name(), "--note", "it is alice"));

        List<JsonNode> atBob = lines(ok(bob.cli().run("receive", "--json")));
        JsonNode request = ofType(atBob, "friend_request").get(0);
        assertThat(request.get("fromUsername").asText()).isEqualTo(alice.name());
        assertThat(request.get("note").asText()).isEqualTo("it is alice");
        assertThat(request.get("incoming").asBoolean()).isTrue();
        assertThat(request.get("state").asText()).isEqualTo("PENDING");

        ok(bob.cli().run("friend", "reject", alice.name()));
        Cli.Result atAlice = ok(alice.cli().run("receive"));
        assertThat(atAlice.out()).contains(bob.name() + " rejected your friend request");
    }

    @Test
    void finding_3_an_invitation_names_the_group_is_listed_as_pending_and_is_accepted_by_the_group_name() throws Exception {
        User alice = register("alice");
        User bob = register("bob");
        befriend(alice, bob);
        ok(alice.cli().run("group", "create", "读书会", "--policy", "INVITE_ONLY", "--invite", bob.name()));

        List<JsonNode> atBob = lines(ok(bob.cli().run("receive", "--json")));
        JsonNode invited = ofType(atBob, "group_notice").stream()
                .filter(n -> n.get("kind").asText().equals("INVITED")).findFirst().orElseThrow();
        assertThat(invited.get("group").asText()).isEqualTo("读书会");
        assertThat(invited.get("groupId").asLong()).isPositive();
        assertThat(invited.get("actorUsername").asText()).isEqualTo(alice.name());

        assertThat(ok(bob.cli().run("group", "pending")).out()).contains("读书会").contains(alice.name());
        ok(bob.cli().run("group", "accept", "读书会"));
        assertThat(ok(bob.cli().run("group", "pending")).out()).doesNotContain("读书会");
        assertThat(ok(bob.cli().run("group", "list")).out()).contains("读书会");

        List<JsonNode> atAlice = lines(ok(alice.cli().run("receive", "--json")));
        assertThat(ofType(atAlice, "group_notice")).anySatisfy(n -> {
            assertThat(n.get("kind").asText()).isEqualTo("MEMBER_JOINED");
            assertThat(n.get("subjectUsername").asText()).isEqualTo(bob.name());
        });
    }

    @Test
    void finding_5_a_refused_message_is_shown_as_not_sent_and_own_messages_are_not_received_again() throws Exception {
        User alice = register("alice");
        User stranger = register("stranger");
        assertThat(alice.cli().run("send", stranger.name(), "are we friends?").exitCode()).isEqualTo(4);
        assertThat(ok(alice.cli().run("history", stranger.name(), "--local")).out())
                .contains("are we friends?  (not sent: refused by the server)");

        User bob = register("bob");
        befriend(alice, bob);
        ok(alice.cli().run("send", bob.name(), "one"));
        ok(alice.cli().run("send", bob.name(), "two"));
        assertThat(ofType(lines(ok(alice.cli().run("receive", "--json"))), "message")).isEmpty();
    }

    @Test
    void finding_10_short_searches_say_what_they_match() {
        User alice = register("alice");
        Cli.Result r = ok(alice.cli().run("users", "search", "zq"));
        assertThat(r.out()).contains("fewer than 3 characters");
    }
}
