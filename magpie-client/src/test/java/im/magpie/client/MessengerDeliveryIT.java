package im.magpie.client;

import im.magpie.testkit.TcpProxy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.PeerRef;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.SyncPage;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once delivery through the outbox with the real messaging feature: server killed and
 * restarted (same data) while messages are queued, a client restarted meanwhile, acknowledgements
 * lost on the way, receipts moving statuses forward.
 */
class MessengerDeliveryIT {
    private static int counter;

    @TempDir
    Path dir;

    private TestServer server;
    private TcpProxy proxy;
    private final List<Messenger> messengers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = startServer();
        proxy = new TcpProxy(server.port());
    }

    private TestServer startServer() {
        return TestServer.builder().dataDir(dir.resolve("server")).set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
    }

    @AfterEach
    void stop() {
        messengers.forEach(Messenger::close);
        proxy.close();
        server.close();
    }

    private static synchronized String newName() {
        return "d" + (++counter) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    private Messenger messenger(String profile) {
        Messenger m = Messenger.builder()
                .server("127.0.0.1", proxy.port())
                .tls(false)
                .profileDir(dir.resolve(profile))
                .client(c -> c.requestTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2)))
                .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(400))
                .build();
        messengers.add(m);
        return m;
    }

    private void befriend(long a, long b) {
        server.server().context().database().jdbi().useTransaction(tx ->
                server.server().features().social().graph().befriend(tx, a, b, System.currentTimeMillis()));
    }

    private static long id(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    /** Every chat message in {@code username}'s inbox on the server, in order. */
    private List<ChatMessage> inbox(String username) {
        try (RawClient c = RawClient.connect(server)) {
            c.login(username, "password-123");
            List<ChatMessage> all = new ArrayList<>();
            long after = 0;
            while (true) {
                SyncPage page = c.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(after).setLimit(500)))
                        .getSyncPage();
                for (InboxEvent e : page.getEventsList()) {
                    if (e.hasMessage()) {
                        all.add(e.getMessage());
                    }
                    after = e.getSeq();
                }
                if (!page.getHasMore() || page.getEventsCount() == 0) {
                    return all;
                }
            }
        }
    }

    @Test
    void messages_queued_across_a_server_kill_and_a_client_restart_arrive_exactly_once_in_order() throws Exception {
        String aliceName = newName();
        String bobName = newName();
        Messenger alice = messenger("alice");
        alice.register(aliceName, "password-123", aliceName).join();
        long bob;
        try (RawClient b = RawClient.registered(server, bobName)) {
            bob = id(b);
        }
        befriend(alice.userId(), bob);

        proxy.refuse(true);
        proxy.cut();
        await().until(() -> alice.state() == SessionState.RECONNECTING);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(alice.send(PeerRef.user(bob), "queued " + i + " 排队").clientMsgId());
        }
        alice.close(); // the client goes away with a full outbox

        server.stopKeepingData(); // and the server dies
        server = startServer();
        proxy.target(server.port());
        proxy.refuse(false);

        Messenger again = messenger("alice");
        again.resume(aliceName);
        again.outboxEmpty().get(30, TimeUnit.SECONDS);

        List<ChatMessage> received = inbox(bobName);
        assertThat(received).extracting(m -> m.getContent().getText().getText())
                .containsExactly("queued 1 排队", "queued 2 排队", "queued 3 排队", "queued 4 排队", "queued 5 排队");
        assertThat(received).extracting(ChatMessage::getClientMsgId).containsExactlyElementsOf(ids);
        assertThat(again.history().latestMessages(PeerRef.user(bob), 10).messages())
                .hasSize(5).allSatisfy(m -> assertThat(m.status()).isIn(MessageStatus.SENT, MessageStatus.DELIVERED));
    }

    @Test
    void a_lost_acknowledgement_is_retried_with_the_same_id_and_stored_once() throws Exception {
        String aliceName = newName();
        String bobName = newName();
        Messenger alice = messenger("alice");
        alice.register(aliceName, "password-123", aliceName).join();
        long bob;
        try (RawClient b = RawClient.registered(server, bobName)) {
            bob = id(b);
        }
        befriend(alice.userId(), bob);

        proxy.dropReplies(true); // the send reaches the server, the ack never comes back
        MessageRecord sent = alice.send(PeerRef.user(bob), "only once");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(bobName).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.state() != SessionState.ONLINE); // heartbeats lost too
        proxy.dropReplies(false);

        alice.outboxEmpty().get(30, TimeUnit.SECONDS);
        assertThat(inbox(bobName)).singleElement().satisfies(m -> {
            assertThat(m.getClientMsgId()).isEqualTo(sent.clientMsgId());
            assertThat(m.getContent().getText().getText()).isEqualTo("only once");
        });
        assertThat(alice.history().messageByClientMsgId(sent.clientMsgId()).orElseThrow().acknowledged()).isTrue();
        assertThat(alice.history().latestMessages(PeerRef.user(bob), 10).messages()).hasSize(1);
    }

    /** Alice and Bob, registered through the proxy, and friends. */
    private Messenger[] twoFriends() {
        Messenger alice = messenger("alice");
        String aliceName = newName();
        alice.register(aliceName, "password-123", aliceName).join();
        Messenger bob = messenger("bob");
        String bobName = newName();
        bob.register(bobName, "password-123", bobName).join();
        befriend(alice.userId(), bob.userId());
        return new Messenger[] {alice, bob};
    }

    @Test
    void two_messengers_chat_and_receipts_move_the_sender_statuses_to_delivered_and_read() throws Exception {
        Messenger[] friends = twoFriends();
        Messenger alice = friends[0];
        Messenger bob = friends[1];
        List<MessengerEvent> bobEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
        bob.addListener(bobEvents::add);

        MessageRecord hello = alice.send(PeerRef.user(bob.userId()), "hello bob 你好");
        await().until(() -> bob.history().latestMessages(PeerRef.user(alice.userId()), 5).messages().size() == 1);
        await().until(() -> alice.history().messageByClientMsgId(hello.clientMsgId()).orElseThrow().status()
                == MessageStatus.DELIVERED);
        assertThat(bob.conversations().list(5).get(0).unreadCount()).isEqualTo(1);
        assertThat(bobEvents).anySatisfy(e -> assertThat(e).isInstanceOf(MessengerEvent.MessagesReceived.class));

        bob.markRead(PeerRef.user(alice.userId()));
        await().until(() -> alice.history().messageByClientMsgId(hello.clientMsgId()).orElseThrow().status()
                == MessageStatus.READ);
        assertThat(bob.conversations().list(5).get(0).unreadCount()).isZero();

        bob.send(PeerRef.user(alice.userId()), "hi alice");
        await().until(() -> alice.history().latestMessages(PeerRef.user(bob.userId()), 5).messages().size() == 2);
        assertThat(alice.conversations().search("你好")).hasSize(1);
        assertThat(bob.conversations().search("hello BOB")).hasSize(1);
    }

    @Test
    void a_conversation_read_while_offline_is_told_to_the_sender_once_back_online() throws Exception {
        Messenger[] friends = twoFriends();
        Messenger alice = friends[0];
        Messenger bob = friends[1];
        MessageRecord hello = alice.send(PeerRef.user(bob.userId()), "read me later");
        await().until(() -> alice.history().messageByClientMsgId(hello.clientMsgId()).orElseThrow().status()
                == MessageStatus.DELIVERED);

        proxy.refuse(true);
        proxy.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.state() != SessionState.ONLINE);
        bob.markRead(PeerRef.user(alice.userId())); // on the plane
        assertThat(bob.conversations().list(5).get(0).unreadCount()).isZero();
        proxy.refuse(false);

        await().atMost(Duration.ofSeconds(30)).until(() -> alice.history().messageByClientMsgId(hello.clientMsgId())
                .orElseThrow().status() == MessageStatus.READ);
    }
}
