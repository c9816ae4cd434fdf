package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import im.magpie.client.profile.AccountStore;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** receive, recall, read (with the outbox's send): in-process against a real server. */
class CliMessagesIT {
    private static TestServer server;
    private static int counter;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static synchronized String newName() {
        return "m" + (++counter) + "_" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    /** A registered user with a profile of their own. */
    private record User(String name, long id, Cli cli) {}

    private User register(String profileName) {
        Cli cli = new Cli(dir.resolve(profileName), server.host() + ":" + server.port(), false);
        String name = newName();
        Cli.Result r = cli.env("MAGPIE_PASSWORD", "correct horse").run("register", name);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        long id = new AccountStore(cli.profile()).list(server.host() + ":" + server.port()).get(0).userId();
        return new User(name, id, cli);
    }

    private static void befriend(User a, User b) {
        var graph = server.server().features().social().graph();
        server.server().context().database().jdbi().useTransaction(tx -> graph.befriend(tx, a.id(), b.id(), System.currentTimeMillis()));
    }

    private static List<JsonNode> lines(Cli.Result r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().split("\n")) if (!line.isBlank()) out.add(Output.mapper().readTree(line));
        return out;
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void send_receive_read_history_and_recall_between_two_friends() throws Exception {
        User alice = register("alice");
        User bob = register("bob");
        befriend(alice, bob);

        JsonNode ack = lines(ok(alice.cli().run("send", bob.name(), "你好 Bob 👋", "--json"))).get(0);
        long messageId = ack.get("messageId").asLong();
        assertThat(messageId).isPositive();
        ok(alice.cli().run("send", bob.name(), "second"));

        List<JsonNode> received = lines(ok(bob.cli().run("receive", "--json")));
        assertThat(received).extracting(n -> n.get("text").asText()).containsExactly("你好 Bob 👋", "second");
        assertThat(received.get(0).get("fromName").asText()).isEqualTo(alice.name());
        assertThat(ok(bob.cli().run("receive", "--json")).out()).as("the last sequence is remembered").isBlank();

        // alice's own messages are already in her local history (sent through the outbox): she sees
        // only bob's DELIVERED receipt (sent by receive)
        List<JsonNode> atAlice = lines(ok(alice.cli().run("receive", "--json")));
        assertThat(atAlice).extracting(n -> n.get("type").asText()).containsExactly("receipt");
        assertThat(atAlice.get(0).get("kind").asText()).isEqualTo("DELIVERED");

        assertThat(ok(bob.cli().run("read", alice.name())).out()).contains("marked read");
        JsonNode read = lines(ok(alice.cli().run("receive", "--json"))).get(0);
        assertThat(read.get("kind").asText()).isEqualTo("READ");


        assertThat(bob.cli().run("recall", Long.toString(messageId)).exitCode()).as("not his to recall").isEqualTo(4);
        ok(alice.cli().run("recall", Long.toString(messageId)));
        // bob's own READ comes back to his devices; the read command's messenger may have stored it already
        List<JsonNode> atBob = lines(ok(bob.cli().run("receive", "--json"))).stream()
                .filter(n -> !(n.get("type").asText().equals("receipt") && n.get("readerUsername").asText().equals(bob.name())))
                .toList();
        assertThat(atBob).extracting(n -> n.get("type").asText()).containsExactly("recall");
        JsonNode recall = atBob.get(0);
        assertThat(recall.get("recalledByName").asText()).isEqualTo(alice.name());
        assertThat(recall.get("type").asText()).isEqualTo("recall");
        assertThat(recall.get("messageId").asLong()).isEqualTo(messageId);

        // the text form says who wrote to whom: a friend's message is to "you", not to the friend
        ok(alice.cli().run("send", bob.name(), "third"));
        assertThat(ok(bob.cli().run("receive")).out()).contains(alice.name() + " \u2192 you: third");
    }

    @Test
    void receive_follow_prints_messages_as_they_arrive_until_the_timeout() throws Exception {
        User alice = register("alice");
        User bob = register("bob");
        befriend(alice, bob);
        CompletableFuture<Cli.Result> follow = CompletableFuture.supplyAsync(
                () -> bob.cli().run("receive", "--follow", "--timeout", "6", "--json"));
        Thread.sleep(2500); // let it log in and sync first
        ok(alice.cli().run("send", bob.name(), "live"));
        Cli.Result r = ok(follow.get(30, TimeUnit.SECONDS));
        assertThat(lines(r)).filteredOn(n -> n.get("type").asText().equals("message"))
                .extracting(n -> n.get("text").asText()).containsExactly("live");
    }

    @Test
    void strangers_unknown_users_and_bad_input_get_their_exit_codes() {
        User alice = register("alice");
        User stranger = register("stranger");
        assertThat(alice.cli().run("send", stranger.name(), "hi").exitCode()).isEqualTo(4);
        assertThat(alice.cli().run("send", "nobody_here", "hi").exitCode()).isEqualTo(5);
        Cli.Result tooLate = alice.cli().run("recall", "12345");
        assertThat(tooLate.exitCode()).as(tooLate.toString()).isEqualTo(5);
        assertThat(tooLate.err().lines()).hasSize(1);
        assertThat(alice.cli().run("read", "nobody_here").exitCode()).isEqualTo(5);
    }
}
