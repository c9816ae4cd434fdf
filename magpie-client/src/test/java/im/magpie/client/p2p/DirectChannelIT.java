package im.magpie.client.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.magpie.client.Messenger;
import im.magpie.client.MessengerEvent;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.p2p.P2pSettings;
import im.magpie.testkit.TcpProxy;
import im.magpie.testkit.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two messengers against a real server, with direct channels on real sockets: the channel carries
 * the conversation while it can (the server relays none of it), and when it cannot, or breaks,
 * everything still arrives once, through the server.
 */
class DirectChannelIT {
    private static int counter;

    @TempDir
    Path dir;

    private TestServer server;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<MessengerEvent.PathChanged> alicePaths = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
        if (server != null) server.close();
    }

    private static synchronized String newName() {
        return "p" + (++counter) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    private static DirectSettings loopbackChannels() {
        // Only the address the server observes (127.0.0.1) is a candidate: no interface addresses.
        return DirectSettings.defaults().withListener("127.0.0.1", 0).withAdvertised(List.of(), 0)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    private Messenger messenger(String profile, DirectSettings direct) {
        Messenger m = Messenger.builder()
                .server("127.0.0.1", server.port())
                .tls(false)
                .profileDir(dir.resolve(profile))
                .client(c -> c.requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2)))
                .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(400))
                .direct(direct)
                .build();
        closing.add(m);
        return m;
    }

    /** Alice and Bob, registered and friends, both online, with the given channel settings. */
    private Messenger[] friends(DirectSettings aliceDirect, DirectSettings bobDirect) {
        Messenger alice = messenger("alice", aliceDirect);
        Messenger bob = messenger("bob", bobDirect);
        alice.addListener(e -> {
            if (e instanceof MessengerEvent.PathChanged p) alicePaths.add(p);
        });
        String a = newName();
        String b = newName();
        alice.register(a, "password-123", a).join();
        bob.register(b, "password-123", b).join();
        server.server().context().database().jdbi().useTransaction(tx ->
                server.server().features().social().graph().befriend(tx, alice.userId(), bob.userId(), System.currentTimeMillis()));
        return new Messenger[] {alice, bob};
    }

    private void startServer(UnaryOperator<TestServer.Builder> settings) {
        server = settings.apply(TestServer.builder().set(CoreSettings.HEARTBEAT_SECONDS, 1)).start();
    }

    private static List<String> texts(Messenger m, long peer) {
        List<String> texts = new ArrayList<>(m.history().latestMessages(PeerRef.user(peer), 200).messages()
                .stream().map(MessageRecord::text).toList());
        java.util.Collections.reverse(texts);
        return texts;
    }

    private long relayed() {
        return server.server().features().messages().relayedOneToOne();
    }

    private long reportedDirect() {
        return server.server().features().messages().reportedDirect();
    }

    @Test
    void friends_talk_over_the_direct_channel_and_the_server_relays_none_of_it_but_stores_it_for_other_devices() {
        startServer(b -> b);
        Messenger[] pair = friends(loopbackChannels(), loopbackChannels());
        Messenger alice = pair[0];
        Messenger bob = pair[1];
        PeerRef toBob = PeerRef.user(bob.userId());
        PeerRef toAlice = PeerRef.user(alice.userId());

        assertThat(alice.openDirect(toBob).join()).isEqualTo(ConversationPath.DIRECT);
        await().until(() -> bob.path(toAlice) == ConversationPath.DIRECT);
        long relayedBefore = relayed();

        for (int i = 1; i <= 5; i++) {
            alice.send(toBob, "a" + i);
            bob.send(toAlice, "b" + i);
        }
        await().until(() -> texts(bob, alice.userId()).size() == 10 && texts(alice, bob.userId()).size() == 10);
        alice.outboxEmpty().join();
        bob.outboxEmpty().join();

        assertThat(relayed()).as("one-to-one messages the server pushed").isEqualTo(relayedBefore);
        assertThat(reportedDirect()).isEqualTo(10);
        assertThat(texts(bob, alice.userId())).filteredOn(t -> t.startsWith("a")).containsExactly("a1", "a2", "a3", "a4", "a5");
        assertThat(texts(alice, bob.userId())).filteredOn(t -> t.startsWith("b")).containsExactly("b1", "b2", "b3", "b4", "b5");
        // The reports reach both inboxes: each side's copy of the other's messages gets its server id
        // from a later sync, merged into the message received directly, never a second copy.
        await().untilAsserted(() -> assertThat(bob.history().latestMessages(toAlice, 200).messages())
                .hasSize(10).allMatch(m -> m.messageId() > 0));
        await().untilAsserted(() -> assertThat(alice.history().latestMessages(toBob, 200).messages())
                .hasSize(10).allMatch(m -> m.messageId() > 0));
        assertThat(alice.path(toBob)).isEqualTo(ConversationPath.DIRECT);
        await().untilAsserted(() -> assertThat(alicePaths).extracting(MessengerEvent.PathChanged::path)
                .containsExactly(ConversationPath.DIRECT));
        assertThat(alicePaths.get(0).friend().userId()).as("the event names the friend").isEqualTo(bob.userId());
    }

    @Test
    void a_server_with_direct_channels_turned_off_refuses_the_introduction_and_messages_go_through_it() {
        startServer(b -> b.set(P2pSettings.DIRECT_CHANNELS, false));
        Messenger[] pair = friends(loopbackChannels(), loopbackChannels());
        Messenger alice = pair[0];
        Messenger bob = pair[1];
        PeerRef toBob = PeerRef.user(bob.userId());

        assertThat(alice.openDirect(toBob).join()).isEqualTo(ConversationPath.VIA_SERVER);
        await().untilAsserted(() -> assertThat(alicePaths).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(ConversationPath.VIA_SERVER);
            assertThat(p.reason()).contains("turned off");
        }));
        alice.send(toBob, "through the server");
        await().until(() -> texts(bob, alice.userId()).equals(List.of("through the server")));
        assertThat(relayed()).isEqualTo(1);
        assertThat(reportedDirect()).isZero();
    }

    @Test
    void a_friend_whose_client_has_direct_channels_off_declines_at_once() {
        startServer(b -> b);
        Messenger[] pair = friends(loopbackChannels(), loopbackChannels().withEnabled(false));
        Messenger alice = pair[0];
        Messenger bob = pair[1];

        long started = System.nanoTime();
        assertThat(alice.openDirect(PeerRef.user(bob.userId())).join()).isEqualTo(ConversationPath.VIA_SERVER);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for the server's timeout").isLessThan(Duration.ofSeconds(3));
        await().untilAsserted(() -> assertThat(alicePaths).singleElement().satisfies(p -> assertThat(p.reason()).contains("declined")));
        alice.send(PeerRef.user(bob.userId()), "via the server");
        await().until(() -> texts(bob, alice.userId()).equals(List.of("via the server")));
    }

    @Test
    void when_no_candidate_answers_the_messages_go_through_the_server_within_three_seconds_once_each() throws IOException {
        startServer(b -> b);
        // Bob announces a port that accepts TCP but never speaks TLS: every handshake hangs.
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closing.add(silent);
        Messenger[] pair = friends(loopbackChannels(), loopbackChannels().withAdvertised(List.of("127.0.0.1"), silent.getLocalPort()));
        Messenger alice = pair[0];
        Messenger bob = pair[1];
        PeerRef toBob = PeerRef.user(bob.userId());

        long started = System.nanoTime();
        alice.send(toBob, "one");
        alice.send(toBob, "two");
        await().atMost(Duration.ofSeconds(5)).until(() -> texts(bob, alice.userId()).equals(List.of("one", "two")));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMillis).as("introduction + 3 s connect deadline + relay").isLessThan(4_500);
        await().untilAsserted(() -> assertThat(alicePaths).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(ConversationPath.VIA_SERVER);
            assertThat(p.reason()).contains("within 3000 ms");
        }));
        alice.outboxEmpty().join();
        assertThat(relayed()).isEqualTo(2);
        assertThat(reportedDirect()).isZero();
        assertThat(bob.history().latestMessages(PeerRef.user(alice.userId()), 10).messages()).hasSize(2);
    }

    @Test
    void a_channel_cut_mid_conversation_falls_back_to_the_server_without_losing_or_doubling_a_message() throws Exception {
        startServer(b -> b);
        int bobPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            bobPort = free.getLocalPort();
        }
        TcpProxy proxy = new TcpProxy(bobPort);
        closing.add(proxy);
        // Bob is reachable only through the proxy the test cuts.
        Messenger[] pair = friends(loopbackChannels(),
                loopbackChannels().withListener("127.0.0.1", bobPort).withAdvertised(List.of("127.0.0.1"), proxy.port()));
        Messenger alice = pair[0];
        Messenger bob = pair[1];
        PeerRef toBob = PeerRef.user(bob.userId());

        assertThat(alice.openDirect(toBob).join()).isEqualTo(ConversationPath.DIRECT);
        for (int i = 1; i <= 3; i++) alice.send(toBob, "m" + i);
        await().until(() -> texts(bob, alice.userId()).size() == 3);
        alice.outboxEmpty().join();
        long relayedBefore = relayed();

        proxy.refuse(true);
        proxy.cut();
        await().until(() -> alice.path(toBob) == ConversationPath.VIA_SERVER);
        for (int i = 4; i <= 6; i++) alice.send(toBob, "m" + i);

        await().until(() -> texts(bob, alice.userId()).size() >= 6);
        alice.outboxEmpty().join();
        assertThat(texts(bob, alice.userId())).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(relayed() - relayedBefore).isEqualTo(3);
        await().untilAsserted(() -> assertThat(alicePaths).extracting(MessengerEvent.PathChanged::path)
                .containsExactly(ConversationPath.DIRECT, ConversationPath.VIA_SERVER));
        await().untilAsserted(() -> assertThat(bob.history().latestMessages(PeerRef.user(alice.userId()), 10).messages())
                .hasSize(6).allMatch(m -> m.messageId() > 0));
    }

    @Test
    void a_message_cut_off_before_its_acknowledgement_is_sent_through_the_server_and_stored_once() throws Exception {
        startServer(b -> b);
        int bobPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            bobPort = free.getLocalPort();
        }
        TcpProxy proxy = new TcpProxy(bobPort);
        closing.add(proxy);
        Messenger[] pair = friends(loopbackChannels(),
                loopbackChannels().withListener("127.0.0.1", bobPort).withAdvertised(List.of("127.0.0.1"), proxy.port()));
        Messenger alice = pair[0];
        Messenger bob = pair[1];
        PeerRef toBob = PeerRef.user(bob.userId());
        assertThat(alice.openDirect(toBob).join()).isEqualTo(ConversationPath.DIRECT);

        // Bob receives and stores it, but his acknowledgement never reaches Alice.
        proxy.dropReplies(true);
        alice.send(toBob, "stored once");
        await().until(() -> texts(bob, alice.userId()).size() == 1);
        alice.outboxEmpty().join(); // after the 2 s ack timeout: through the server, same client id

        assertThat(alice.path(toBob)).isEqualTo(ConversationPath.VIA_SERVER);
        await().untilAsserted(() -> assertThat(bob.history().latestMessages(PeerRef.user(alice.userId()), 10).messages())
                .singleElement().satisfies(m -> {
                    assertThat(m.text()).isEqualTo("stored once");
                    assertThat(m.messageId()).isPositive();
                }));
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
