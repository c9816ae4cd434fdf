package im.magpie.cli;

import im.magpie.testkit.TcpProxy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import im.magpie.client.history.HistoryPaths;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.IncomingMessage;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.PeerRef;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** send (queued with exit 9 when the server is unreachable), search and history on the local store. */
class CliOutboxIT {
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

    private Cli cli(Path dir) {
        return new Cli(dir, "127.0.0.1:" + proxy.port(), false);
    }

    private static synchronized String newName() {
        return "o" + (++counter) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    private long register(Cli cli, String name) throws Exception {
        Cli.Result r = cli.env("MAGPIE_PASSWORD", "password-123").run("register", name, "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = Output.mapper().readTree(r.out());
        return json.get("self").get("userId").asLong();
    }

    private HistoryStore localHistory(String name) {
        return HistoryStore.open(HistoryPaths.databaseFile(profile, "127.0.0.1", proxy.port(), name));
    }

    @Test
    void send_to_an_unreachable_server_is_queued_with_exit_9_and_kept_for_the_next_command() throws Exception {
        Cli alice = cli(profile);
        String aliceName = newName();
        register(alice, aliceName);
        long bob = register(cli(profile.resolve("bob")), newName());

        proxy.refuse(true);
        Cli.Result queued = alice.run("send", Long.toString(bob), "排队", "的消息", "--json");

        assertThat(queued.exitCode()).as(queued.toString()).isEqualTo(9);
        assertThat(queued.err()).contains("Queued");
        JsonNode json = Output.mapper().readTree(queued.out());
        assertThat(json.get("status").asText()).isEqualTo("queued");
        try (HistoryStore store = localHistory(aliceName)) {
            assertThat(store.outbox().pending()).singleElement().satisfies(e -> {
                assertThat(e.text()).isEqualTo("排队 的消息");
                assertThat(e.clientMsgId()).isEqualTo(json.get("clientMsgId").asText());
            });
            assertThat(store.latestMessages(PeerRef.user(bob), 5).messages())
                    .singleElement().extracting(m -> m.status()).isEqualTo(MessageStatus.SENDING);
        }

        Cli.Result searchOffline = alice.run("search", "排队");
        assertThat(searchOffline.exitCode()).as(searchOffline.toString()).isZero();
        assertThat(searchOffline.out()).contains("[排队]");
    }

    @Test
    void the_next_command_that_connects_sends_what_was_queued_and_the_server_stores_it_once() throws Exception {
        Cli alice = cli(profile);
        String aliceName = newName();
        long aliceId = register(alice, aliceName);
        String bobName = newName();
        long bob = register(cli(profile.resolve("bob")), bobName);
        server.server().context().database().jdbi().useTransaction(tx ->
                server.server().features().social().graph().befriend(tx, aliceId, bob, System.currentTimeMillis()));

        proxy.refuse(true);
        assertThat(alice.run("send", Long.toString(bob), "first, queued").exitCode()).isEqualTo(9);
        assertThat(alice.run("send", Long.toString(bob), "second, queued").exitCode()).isEqualTo(9);
        proxy.refuse(false);

        Cli.Result whoami = alice.run("whoami");
        assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
        assertThat(whoami.err()).contains("Sent 2 queued messages");

        Cli.Result third = alice.run("send", Long.toString(bob), "third, online", "--json");
        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(Output.mapper().readTree(third.out()).get("status").asText()).isEqualTo("sent");
        assertThat(alice.run("whoami").err()).doesNotContain("queued");

        try (im.magpie.testkit.RawClient b = im.magpie.testkit.RawClient.connect(server)) {
            b.login(bobName, "password-123");
            List<String> texts = b.request(im.magpie.protocol.proto.Frame.newBuilder().setSync(
                            im.magpie.protocol.proto.SyncRequest.newBuilder().setAfterSeq(0).setLimit(100)))
                    .getSyncPage().getEventsList().stream().filter(e -> e.hasMessage())
                    .map(e -> e.getMessage().getContent().getText().getText()).toList();
            assertThat(texts).containsExactly("first, queued", "second, queued", "third, online");
        }
        try (HistoryStore store = localHistory(aliceName)) {
            assertThat(store.outbox().pending()).isEmpty();
            assertThat(store.latestMessages(PeerRef.user(bob), 5).messages())
                    .allSatisfy(m -> assertThat(m.status()).isEqualTo(MessageStatus.SENT));
        }

        Cli.Result history = alice.run("history", bobName);
        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.out().lines().toList()).hasSize(3);
    }

    @Test
    void search_finds_chinese_substrings_and_english_words_in_the_local_history_without_a_server() throws Exception {
        Cli alice = cli(profile);
        String aliceName = newName();
        register(alice, aliceName);
        try (HistoryStore store = localHistory(aliceName)) {
            store.insertIncoming(IncomingMessage.text(11, null, PeerRef.user(77), 77, 1_000, "我们明天去北京看长城吧"));
            store.insertIncoming(IncomingMessage.text(12, null, PeerRef.user(77), 77, 2_000, "The Great Wall is long"));
            store.insertIncoming(IncomingMessage.text(13, null, PeerRef.user(88), 88, 3_000, "北京的天气很好"));
        }
        proxy.refuse(true);
        server.close();

        Cli.Result chinese = alice.run("search", "北京", "--json");
        assertThat(chinese.exitCode()).as(chinese.toString()).isZero();
        List<String> texts = Output.mapper().readTree(chinese.out()).get("hits").findValuesAsText("text");
        assertThat(texts).containsExactly("北京的天气很好", "我们明天去北京看长城吧");

        Cli.Result english = alice.run("search", "great wall");
        assertThat(english.exitCode()).as(english.toString()).isZero();
        assertThat(english.out()).contains("[Great Wall]").doesNotContain("北京");

        Cli.Result only77 = alice.run("search", "北京", "--with", "77");
        assertThat(only77.out()).contains("长城").doesNotContain("天气");

        Cli.Result none = alice.run("search", "上海");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("No message contains");
        server = TestServer.start(); // for @AfterEach
    }

    @Test
    void history_reads_the_local_store_first_and_shows_queued_messages() throws Exception {
        Cli alice = cli(profile);
        String aliceName = newName();
        register(alice, aliceName);
        long bob = register(cli(profile.resolve("bob")), newName());
        try (HistoryStore store = localHistory(aliceName)) {
            store.insertIncoming(IncomingMessage.text(21, null, PeerRef.user(bob), bob, 1_000, "first from bob"));
            store.insertIncoming(IncomingMessage.text(22, null, PeerRef.user(bob), bob, 2_000, "second from bob"));
        }
        proxy.refuse(true);
        assertThat(alice.run("send", Long.toString(bob), "my reply").exitCode()).isEqualTo(9);

        Cli.Result local = alice.run("history", Long.toString(bob), "--local");
        assertThat(local.exitCode()).as(local.toString()).isZero();
        assertThat(local.out().lines().toList()).hasSize(3);
        assertThat(local.out().lines().toList().get(0)).contains("first from bob");
        assertThat(local.out().lines().toList().get(2)).contains("my reply").contains("(queued)");

        Cli.Result offline = alice.run("history", Long.toString(bob), "--limit", "10");
        assertThat(offline.exitCode()).as(offline.toString()).isZero();
        assertThat(offline.err()).contains("Offline");
        assertThat(offline.out()).contains("second from bob");
    }

    @Test
    void a_damaged_local_history_is_reported_with_its_file_name_and_left_alone() throws Exception {
        Cli alice = cli(profile);
        String aliceName = newName();
        register(alice, aliceName);
        Path file = HistoryPaths.databaseFile(profile, "127.0.0.1", proxy.port(), aliceName);
        Files.createDirectories(file.getParent());
        byte[] garbage = "this is not a database, just some bytes ".repeat(200).getBytes();
        Files.write(file, garbage);

        Cli.Result search = alice.run("search", "anything");

        assertThat(search.exitCode()).isEqualTo(1);
        assertThat(search.err().lines()).singleElement().asString().contains(file.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void a_local_history_locked_by_another_program_fails_send_clearly_and_queues_nothing() throws Exception {
        Cli alice = cli(profile);
        String aliceName = newName();
        register(alice, aliceName);
        long bob = register(cli(profile.resolve("bob")), newName());
        localHistory(aliceName).close();
        Path file = HistoryPaths.databaseFile(profile, "127.0.0.1", proxy.port(), aliceName);
        proxy.refuse(true);

        try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = other.createStatement()) {
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("UPDATE sync_state SET last_seq = last_seq");

            Cli.Result send = alice.run("send", Long.toString(bob), "not now");

            assertThat(send.exitCode()).as(send.toString()).isEqualTo(1);
            assertThat(send.err().lines()).singleElement().asString()
                    .contains(file.toString()).contains("in use by another program");
            s.execute("ROLLBACK");
        }
        try (HistoryStore store = localHistory(aliceName)) {
            assertThat(store.outbox().pending()).isEmpty();
        }
    }
}
