package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.ListFriendRequestsRequest;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Text;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code magpie chat} driven through JLine's dumb terminal on piped streams: login, a friend
 * request answered by the other side, a message arriving while the prompt waits, opening the
 * conversation, sending (delivered once, after the friend's message), searching, the status line
 * and quitting.
 */
class ChatIT {
    private static int counter;

    @TempDir
    Path profile;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static synchronized String newName() {
        return "c" + (++counter) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** One interactive run of {@code magpie chat}: lines typed one at a time, output read as it comes. */
    private final class Terminal implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final PipedOutputStream keyboard = new PipedOutputStream();
        final CompletableFuture<Integer> exit;

        Terminal(Map<String, String> env, String... args) throws IOException {
            PipedInputStream in = new PipedInputStream(keyboard, 65536);
            CliEnvironment environment = new CliEnvironment(in, new PrintWriter(out, true), new PrintWriter(err, true),
                    env, null, profile.resolve("home"));
            exit = CompletableFuture.supplyAsync(() -> Main.run(environment, args));
        }

        void type(String line) throws IOException {
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        void awaitOutput(String text) {
            await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains(text) || exit.isDone());
            assertThat(out.toString()).as("stderr: " + err).contains(text);
        }

        @Override
        public void close() throws IOException {
            keyboard.close();
        }
    }


    /** The chat messages in {@code username}'s inbox on the server, in order. */
    private List<String> messagesTo(String username) {
        try (RawClient c = RawClient.connect(server)) {
            c.login(username, "password-123");
            return c.request(Frame.newBuilder().setSync(im.magpie.protocol.proto.SyncRequest.newBuilder().setAfterSeq(0).setLimit(500)))
                    .getSyncPage().getEventsList().stream().filter(InboxEvent::hasMessage)
                    .map(e -> e.getMessage().getContent().getText().getText()).toList();
        }
    }

    @Test
    void the_terminal_client_shows_when_a_conversation_goes_direct() throws Exception {
        String server = this.server.host() + ":" + this.server.port();
        String alice = newName();
        String bobName = newName();
        assertThat(new Cli(profile, server, false).env("MAGPIE_PASSWORD", "password-123").run("register", alice).exitCode()).isZero();
        try (im.magpie.client.Messenger bob = im.magpie.client.Messenger.builder()
                .server(this.server.host(), this.server.port()).tls(false).profileDir(profile.resolve("bob"))
                .direct(im.magpie.client.p2p.DirectSettings.defaults().withListener("127.0.0.1", 0))
                .build()) {
            bob.register(bobName, "password-123", bobName).join();
            long aliceId = new im.magpie.client.profile.AccountStore(profile).find(server, alice).orElseThrow().userId();
            this.server.server().context().database().jdbi().useTransaction(tx -> this.server.server().features().social()
                    .graph().befriend(tx, aliceId, bob.userId(), System.currentTimeMillis()));

            Map<String, String> env = Map.of("MAGPIE_PROFILE_DIR", profile.toString(), "MAGPIE_LANG", "en");
            try (Terminal chat = new Terminal(env, "chat", "--server", server, "--no-tls")) {
                chat.awaitOutput("* online");
                chat.type("/open " + bobName);
                chat.awaitOutput("* " + bobName + ": direct");
                chat.type("over the channel");
                await().atMost(Duration.ofSeconds(20)).until(() -> bob.history()
                        .latestMessages(im.magpie.client.history.PeerRef.user(aliceId), 10).messages().stream()
                        .anyMatch(m -> m.text().equals("over the channel")));
                assertThat(this.server.server().features().messages().relayedOneToOne()).isZero();
                chat.type("/quit");
                assertThat(chat.exit.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("stderr: " + chat.err).isZero();
            }
        }
    }

    @Test
    void a_person_logs_in_makes_a_friend_chats_and_searches_in_the_terminal_client() throws Exception {
        String server = this.server.host() + ":" + this.server.port();
        Cli cli = new Cli(profile, server, false);
        String alice = newName();
        String bobName = newName();
        assertThat(cli.env("MAGPIE_PASSWORD", "password-123").run("register", alice).exitCode()).isZero();
        RawClient bob = RawClient.registered(this.server, bobName);
        long bobId = bob.request(Frame.newBuilder().setWhoami(im.magpie.protocol.proto.WhoAmIRequest.getDefaultInstance()))
                .getProfile().getUserId();
        Cli fresh = new Cli(profile, server, false);
        assertThat(fresh.runWithStdin("password-123\n", "login", alice, "--password-stdin").exitCode()).isZero();

        Map<String, String> env = Map.of("MAGPIE_PROFILE_DIR", profile.toString(), "MAGPIE_LANG", "en");
        try (Terminal chat = new Terminal(env, "chat", "--server", server, "--no-tls")) {
            chat.awaitOutput("Magpie chat: " + alice);
            chat.awaitOutput("* online");

            bob.request(Frame.newBuilder().setSendFriendRequest(im.magpie.protocol.proto.SendFriendRequest.newBuilder()
                    .setUsername(alice).setNote("it is bob")));
            chat.awaitOutput(bobName + " asks to be your friend: /accept ");
            chat.type("/requests");
            chat.awaitOutput(" from " + bobName + ": it is bob");
            long requestId = bob.request(Frame.newBuilder().setListFriendRequests(ListFriendRequestsRequest.getDefaultInstance()))
                    .getFriendRequestList().getOutgoing(0).getRequestId();
            chat.type("/accept " + requestId);
            chat.awaitOutput("Accepted request " + requestId);

            String carol = newName();
            RawClient.registered(this.server, carol).close();
            chat.type("/add " + carol + " hello carol");
            chat.awaitOutput("Friend request sent to " + carol);

            chat.type("/friends");
            chat.awaitOutput("  " + bobName);

            long aliceId = new im.magpie.client.profile.AccountStore(profile).find(server, alice).orElseThrow().userId();
            Frame ack = bob.request(Frame.newBuilder().setSendMessage(im.magpie.protocol.proto.SendMessageRequest.newBuilder()
                    .setClientMsgId(UUID.randomUUID().toString()).setTo(Peer.newBuilder().setUserId(aliceId))
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("晚上一起吃饭吗? dinner tonight?")))));
            assertThat(ack.hasSendAck()).as(ack.toString()).isTrue();
            chat.awaitOutput("[" + bobName + "] " + bobName + ": 晚上一起吃饭吗? dinner tonight?");

            chat.type("/list");
            chat.awaitOutput(bobName + " (1)");

            chat.type("/open " + bobName);
            chat.awaitOutput("--- " + bobName + " ---");

            chat.type("好的，七点见 see you at seven");
            await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(bobName).contains("好的，七点见 see you at seven"));
            assertThat(messagesTo(bobName)).containsExactly("晚上一起吃饭吗? dinner tonight?", "好的，七点见 see you at seven");
            chat.type("/search 七点");
            chat.awaitOutput(alice + ": 好的，[七点]见 see you at seven");
            chat.type("/search DINNER");
            chat.awaitOutput("[dinner] tonight?");

            chat.type("/status away");
            chat.awaitOutput(alice + " on " + server + ": connection online, presence away; nothing queued");

            // finding 4: a request alice sent is never shown to her as one to answer
            assertThat(chat.out.toString()).doesNotContain(carol + " asks to be your friend");
            // finding 4: a friend's presence shows as it changes
            bob.close();
            chat.awaitOutput(bobName + " is now offline");

            chat.type("/nonsense");
            chat.awaitOutput("unknown command /nonsense");

            chat.type("/quit");
            assertThat(chat.exit.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("stderr: " + chat.err).isZero();
        }
    }

    @Test
    void the_terminal_client_speaks_chinese() throws Exception {
        String server = this.server.host() + ":" + this.server.port();
        Cli cli = new Cli(profile, server, false);
        String alice = newName();
        assertThat(cli.env("MAGPIE_PASSWORD", "password-123").run("register", alice).exitCode()).isZero();

        Map<String, String> env = Map.of("MAGPIE_PROFILE_DIR", profile.toString(), "MAGPIE_LANG", "zh_CN");
        try (Terminal chat = new Terminal(env, "chat", "--server", server, "--no-tls")) {
            chat.awaitOutput("Magpie 聊天：" + alice);
            chat.type("/help");
            chat.awaitOutput("搜索本地历史记录");
            chat.type("你好");
            chat.awaitOutput("尚未打开会话");
            chat.type("/quit");
            assertThat(chat.exit.get(20, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void after_a_changed_certificate_chat_says_what_to_do_and_reconnects_once_it_is_trusted() throws Exception {
        int port;
        String address;
        try (TestServer first = TestServer.builder().tls(true).start()) {
            port = first.port();
            address = first.host() + ":" + port;
            Cli cli = new Cli(profile, address, true).env("MAGPIE_PASSWORD", "password-123");
            assertThat(cli.run("register", "tlsuser").exitCode()).isZero();
        }
        try (TestServer impostor = TestServer.builder().tls(true)
                .set(im.magpie.server.config.CoreSettings.PORT, port).start()) {
            Map<String, String> env = Map.of("MAGPIE_PROFILE_DIR", profile.toString(), "MAGPIE_LANG", "en");
            try (Terminal chat = new Terminal(env, "chat", "--server", address)) {
                chat.awaitOutput("CHANGED");
                chat.awaitOutput("type /reconnect");

                // the person checks the new certificate, trusts it and logs in on this server
                Cli cli = new Cli(profile, address, true).env("MAGPIE_PASSWORD", "password-123");
                assertThat(cli.run("trust", "--forget", address).exitCode()).isZero();
                assertThat(cli.run("register", "tlsuser").exitCode()).isZero();

                chat.type("/reconnect");
                chat.awaitOutput("* online");
                chat.type("/quit");
                assertThat(chat.exit.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("stderr: " + chat.err).isZero();
            }
        }
    }

    @Test
    void offline_groups_lists_member_groups_only_as_online_does() throws Exception {
        try (im.magpie.testkit.TcpProxy proxy = new im.magpie.testkit.TcpProxy(server.port())) {
            String address = "127.0.0.1:" + proxy.port();
            String alice = newName();
            String carol = newName();
            Cli aliceCli = new Cli(profile.resolve(alice), address, false);
            Cli carolCli = new Cli(profile.resolve(carol), address, false);
            assertThat(aliceCli.env("MAGPIE_PASSWORD", "password-123").run("register", alice).exitCode()).isZero();
            assertThat(carolCli.env("MAGPIE_PASSWORD", "password-123").run("register", carol).exitCode()).isZero();
            assertThat(carolCli.run("friend", "request", alice).exitCode()).isZero();
            assertThat(aliceCli.run("friend", "accept", carol).exitCode()).isZero();
            assertThat(aliceCli.run("group", "create", "ours").exitCode()).isZero();
            assertThat(carolCli.run("group", "create", "theirs", "--policy", "INVITE_ONLY", "--invite", alice).exitCode()).isZero();
            assertThat(aliceCli.run("receive").out()).contains("theirs"); // heard of through the invitation only

            proxy.refuse(true);
            Map<String, String> env = Map.of("MAGPIE_PROFILE_DIR", profile.resolve(alice).toString(), "MAGPIE_LANG", "en");
            try (Terminal chat = new Terminal(env, "chat", "--server", address, "--no-tls")) {
                chat.type("/groups");
                chat.awaitOutput("#ours");
                chat.type("/quit");
                assertThat(chat.exit.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("stderr: " + chat.err).isZero();
                assertThat(chat.out.toString()).doesNotContain("#theirs");
            }
        }
    }
}
