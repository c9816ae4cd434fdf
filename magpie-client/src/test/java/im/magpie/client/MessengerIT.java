package im.magpie.client;

import im.magpie.testkit.TcpProxy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.Presence;
import im.magpie.client.history.SearchHit;
import im.magpie.client.history.StoreFaults;
import im.magpie.client.profile.AccountStore;
import im.magpie.client.profile.StoredAccount;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Text;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.inbox.Delivery;
import im.magpie.server.inbox.Inbox;
import im.magpie.testkit.TestServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resilient session against a real server, behind a TCP proxy the test can cut: reconnect,
 * resume, sync, outbox, listeners, and bad input (garbage from the server, a full disk).
 */
class MessengerIT {
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(1_000_000);
    private static int counter;

    @TempDir
    Path profile;

    private TestServer server;
    private TcpProxy proxy;
    private final List<Messenger> messengers = new ArrayList<>();
    private final List<MessengerEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.builder().set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
        proxy = new TcpProxy(server.port());
    }

    @AfterEach
    void stop() {
        messengers.forEach(Messenger::close);
        proxy.close();
        server.close();
    }

    private static synchronized String newName() {
        return "m" + (++counter) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    private Messenger messenger(Path profileDir) {
        Messenger m = Messenger.builder()
                .server("127.0.0.1", proxy.port())
                .tls(false)
                .profileDir(profileDir)
                .client(c -> c.requestTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(2)))
                .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(400))
                .build();
        m.addListener(events::add);
        messengers.add(m);
        return m;
    }

    private Messenger registered(String name) {
        Messenger m = messenger(profile);
        m.register(name, "password-123", name).join();
        return m;
    }

    /** Puts a message from {@code from} into {@code to}'s inbox, as the messaging feature does. */
    private void deliver(long to, long from, String text, boolean publish) {
        Inbox inbox = server.server().features().inbox().inbox();
        InboxEvent event = InboxEvent.newBuilder().setMessage(ChatMessage.newBuilder()
                .setMessageId(MESSAGE_IDS.incrementAndGet()).setClientMsgId(UUID.randomUUID().toString())
                .setSenderId(from).setTo(Peer.newBuilder().setUserId(to)).setTimeMs(System.currentTimeMillis())
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText(text)))).build();
        if (publish) {
            inbox.appendAndPublish(List.of(new Delivery(to, event)));
        } else {
            server.server().context().database().jdbi().useTransaction(tx -> inbox.append(tx, List.of(new Delivery(to, event))));
        }
    }

    private static List<String> texts(Messenger m, long peer) {
        List<String> newestFirst = new ArrayList<>(m.history().latestMessages(PeerRef.user(peer), 100).messages()
                .stream().map(MessageRecord::text).toList());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    private List<SessionState> states() {
        return events.stream().filter(e -> e instanceof MessengerEvent.StateChanged)
                .map(e -> ((MessengerEvent.StateChanged) e).state()).toList();
    }

    private long registerOther(String name) {
        try (Messenger other = messenger(profile.resolve("other-" + name))) {
            return other.register(name, "password-123", name).join().self().userId();
        }
    }

    @Test
    void a_login_is_stored_and_a_later_messenger_resumes_without_the_password() {
        String name = newName();
        long id;
        try (Messenger first = registered(name)) {
            id = first.userId();
            assertThat(first.state()).isEqualTo(SessionState.ONLINE);
        }
        assertThat(new AccountStore(profile).find("127.0.0.1:" + proxy.port(), name))
                .get().extracting(StoredAccount::userId).isEqualTo(id);

        Messenger again = messenger(profile);
        assertThat(again.resume(name).join().self().userId()).isEqualTo(id);
        assertThat(again.state()).isEqualTo(SessionState.ONLINE);
        assertThat(again.history().file()).startsWith(profile);
    }

    @Test
    void pushed_messages_are_stored_once_and_a_gap_in_the_sequence_starts_a_sync() {
        Messenger alice = registered(newName());
        long bob = registerOther(newName());

        deliver(alice.userId(), bob, "first", true);
        await().until(() -> texts(alice, bob).equals(List.of("first")));

        deliver(alice.userId(), bob, "second (not pushed)", false);
        deliver(alice.userId(), bob, "third (not pushed)", false);
        deliver(alice.userId(), bob, "fourth", true); // seq = last + 3: a gap

        await().until(() -> texts(alice, bob).size() == 4);
        assertThat(texts(alice, bob)).containsExactly("first", "second (not pushed)", "third (not pushed)", "fourth");
        assertThat(alice.history().lastSeq()).isEqualTo(4);
        assertThat(alice.conversations().list(10).get(0).unreadCount()).isEqualTo(4);
    }

    @Test
    void a_heartbeat_showing_a_newer_sequence_than_stored_starts_a_sync() {
        Messenger alice = registered(newName());
        long bob = registerOther(newName());
        var connections = server.server().context().sessions().connectionsOf(alice.userId());
        assertThat(connections).hasSize(1);
        Inbox inbox = server.server().features().inbox().inbox();
        InboxEvent event = InboxEvent.newBuilder().setMessage(ChatMessage.newBuilder()
                .setMessageId(MESSAGE_IDS.incrementAndGet()).setClientMsgId(UUID.randomUUID().toString())
                .setSenderId(bob).setTo(Peer.newBuilder().setUserId(alice.userId())).setTimeMs(System.currentTimeMillis())
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText("never pushed")))).build();
        var stored = server.server().context().database().jdbi().inTransaction(tx ->
                inbox.append(tx, List.of(new Delivery(alice.userId(), event))));
        inbox.publishExcept(stored, connections.iterator().next()); // the server knows; alice is not told

        await().atMost(Duration.ofSeconds(10)).until(() -> texts(alice, bob).equals(List.of("never pushed")));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(MessengerEvent.Synced.class));
    }

    @Test
    void a_cut_network_is_reconnected_with_backoff_and_what_was_missed_is_synced_once() {
        Messenger alice = registered(newName());
        long bob = registerOther(newName());
        deliver(alice.userId(), bob, "before the cut", true);
        await().until(() -> texts(alice, bob).size() == 1);
        int acceptedBefore = proxy.accepted();

        proxy.refuse(true);
        proxy.cut();
        await().until(() -> alice.state() == SessionState.RECONNECTING);
        deliver(alice.userId(), bob, "while offline 1", true);
        deliver(alice.userId(), bob, "while offline 2", true);
        await().until(() -> proxy.accepted() >= acceptedBefore + 3); // several refused attempts
        assertThat(texts(alice, bob)).containsExactly("before the cut");

        proxy.refuse(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.state() == SessionState.ONLINE);
        await().until(() -> texts(alice, bob).size() == 3);

        assertThat(texts(alice, bob)).containsExactly("before the cut", "while offline 1", "while offline 2");
        List<MessengerEvent.StateChanged> reconnecting = events.stream()
                .filter(e -> e instanceof MessengerEvent.StateChanged s && s.state() == SessionState.RECONNECTING)
                .map(e -> (MessengerEvent.StateChanged) e).toList();
        assertThat(reconnecting).hasSizeGreaterThanOrEqualTo(2);
        assertThat(reconnecting).allSatisfy(s -> assertThat(s.retryIn()).isBetween(Duration.ofMillis(25), Duration.ofMillis(400)));
        assertThat(states()).containsSubsequence(SessionState.ONLINE, SessionState.RECONNECTING,
                SessionState.CONNECTING, SessionState.ONLINE);
    }

    /** A messenger that bypasses the proxy, so cutting it leaves this one online. */
    private Messenger direct(Path profileDir) {
        Messenger m = Messenger.builder().server("127.0.0.1", server.port()).tls(false).profileDir(profileDir)
                .client(c -> c.requestTimeout(Duration.ofSeconds(3))).build();
        messengers.add(m);
        return m;
    }

    private static java.util.Optional<ContactRecord> contact(Messenger m, long userId) {
        return m.addressBook().friends().stream().filter(c -> c.userId() == userId).findFirst();
    }

    private void reconnectAfter(Messenger m, Runnable whileCutOff) {
        proxy.refuse(true);
        proxy.cut();
        await().until(() -> m.state() == SessionState.RECONNECTING);
        whileCutOff.run();
        proxy.refuse(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> m.state() == SessionState.ONLINE);
    }

    private static boolean friendListUnchanged(Messenger m) {
        return m.connectedClient().orElseThrow().session().orElseThrow().getFriendListUnchanged();
    }

    @Test
    void a_reconnect_is_not_sent_an_unchanged_friend_list_but_learns_presence_and_changes() {
        String aliceName = newName();
        Messenger alice = registered(aliceName);
        String bobName = newName();
        Messenger bob = direct(profile.resolve("bob"));
        long bobId = bob.register(bobName, "password-123", bobName).join().self().userId();
        long requestId = alice.social().sendFriendRequest(bobName, "").join().requestId();
        bob.social().answerFriendRequest(requestId, true).join();

        // The acceptance reached alice's inbox: her cache took the new list (and its version) at once,
        // so the reconnect finds it current.
        await().until(() -> alice.addressBook().friends().stream().anyMatch(c -> c.userId() == bobId));
        reconnectAfter(alice, () -> { });
        assertThat(friendListUnchanged(alice)).isTrue();
        assertThat(contact(alice, bobId)).get().extracting(ContactRecord::presence).isEqualTo(Presence.ONLINE);

        // Bob leaves while alice is away; her list is the same: only presence comes.
        reconnectAfter(alice, () -> {
            bob.close();
            await().until(() -> !server.server().context().router().isOnline(bobId)); // before alice's login
        });
        assertThat(friendListUnchanged(alice)).isTrue();
        assertThat(alice.addressBook().friends()).extracting(ContactRecord::userId).containsExactly(bobId);
        assertThat(contact(alice, bobId)).get().extracting(ContactRecord::presence).isEqualTo(Presence.OFFLINE);

        // Bob comes back as "Robert" while she is away: a friend's profile is part of her list.
        reconnectAfter(alice, () -> {
            Messenger bobAgain = direct(profile.resolve("bob"));
            bobAgain.resume(bobName).join();
            bobAgain.account().updateProfile("Robert", null).join();
        });
        assertThat(friendListUnchanged(alice)).isFalse();
        assertThat(contact(alice, bobId)).get().extracting(ContactRecord::nickname, ContactRecord::presence)
                .containsExactly("Robert", Presence.ONLINE);

        // The version is in the store: a restarted program is not sent the list again either.
        alice.close();
        Messenger restarted = messenger(profile);
        restarted.resume(aliceName).join();
        assertThat(friendListUnchanged(restarted)).isTrue();
        assertThat(contact(restarted, bobId)).get().extracting(ContactRecord::nickname, ContactRecord::presence)
                .containsExactly("Robert", Presence.ONLINE);
    }

    @Test
    void a_server_restart_on_the_same_data_is_survived_and_messages_sent_meanwhile_arrive() {
        Path data = profile.resolve("server-data");
        server.close();
        server = TestServer.builder().dataDir(data).set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
        proxy.target(server.port());
        Messenger alice = registered(newName());
        long bob = registerOther(newName());

        server.stopKeepingData();
        await().until(() -> alice.state() != SessionState.ONLINE);
        server = TestServer.builder().dataDir(data).set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
        proxy.target(server.port());
        deliver(alice.userId(), bob, "after the restart", false);

        await().atMost(Duration.ofSeconds(10)).until(() -> alice.state() == SessionState.ONLINE);
        await().until(() -> texts(alice, bob).equals(List.of("after the restart")));
    }

    @Test
    void a_message_sent_offline_is_in_the_store_and_outbox_before_send_returns() {
        String name = newName();
        long bob = registerOther(newName());
        registered(name).close();
        proxy.refuse(true);

        Messenger alice = messenger(profile);
        alice.resume(name);
        MessageRecord queued = alice.send(PeerRef.user(bob), "queued 你好");

        assertThat(queued.status().name()).isEqualTo("SENDING");
        assertThat(alice.history().outbox().pending()).extracting(e -> e.clientMsgId()).containsExactly(queued.clientMsgId());
        alice.close();

        Messenger restarted = messenger(profile);
        restarted.resume(name);
        assertThat(restarted.history().outbox().pending()).extracting(e -> e.clientMsgId()).containsExactly(queued.clientMsgId());
    }

    @Test
    void listeners_can_receive_events_on_their_own_executor() throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-ui-thread"));
        try {
            List<String> threads = new CopyOnWriteArrayList<>();
            Messenger m = messenger(profile);
            m.addListener(ui::execute, e -> threads.add(Thread.currentThread().getName()));
            m.register(newName(), "password-123", "x").join();
            await().until(() -> !threads.isEmpty());
            assertThat(threads).containsOnly("fake-ui-thread");
            assertThat(events).isNotEmpty();
        } finally {
            ui.shutdownNow();
        }
    }

    @Test
    void a_wrong_password_fails_the_login_and_stops_trying() {
        String name = newName();
        registerOther(name);
        Messenger m = messenger(profile);
        assertThatThrownBy(() -> m.login(name, "wrong-password").join())
                .hasCauseInstanceOf(MagpieClientException.class);
        assertThat(m.state()).isEqualTo(SessionState.OFFLINE);
    }

    @Test
    void a_server_answering_garbage_is_retried_with_backoff_and_does_not_crash_the_client() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!garbage.isClosed()) {
                    try (Socket s = garbage.accept(); OutputStream out = s.getOutputStream()) {
                        out.write(new byte[] {0, 0, 0, 5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                        out.flush();
                        Thread.sleep(50);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            proxy.target(garbage.getLocalPort());
            new AccountStore(profile).save(new StoredAccount("127.0.0.1:" + proxy.port(), 42, "victim", "token", 0));

            Messenger m = messenger(profile);
            m.resume("victim");
            await().until(() -> events.stream().filter(e -> e instanceof MessengerEvent.StateChanged s
                    && s.state() == SessionState.RECONNECTING).count() >= 3);

            assertThat(m.state()).isIn(SessionState.CONNECTING, SessionState.RECONNECTING);
            MessengerEvent.StateChanged last = (MessengerEvent.StateChanged) events.stream()
                    .filter(e -> e instanceof MessengerEvent.StateChanged s && s.state() == SessionState.RECONNECTING)
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(last.cause()).isInstanceOf(MagpieConnectionException.class);
            assertThat(m.conversations().search("anything")).isEmpty(); // the local history still works
        }
    }

    @Test
    void a_full_disk_is_reported_as_an_event_and_nothing_is_lost() {
        Messenger alice = registered(newName());
        long bob = registerOther(newName());
        deliver(alice.userId(), bob, "fits", true);
        await().until(() -> texts(alice, bob).size() == 1);

        StoreFaults.limitPages(alice.history(), StoreFaults.pageCount(alice.history()));
        String big = "很长的消息 long message ".repeat(300);
        deliver(alice.userId(), bob, big, true);

        await().until(() -> events.stream().anyMatch(e -> e instanceof MessengerEvent.StoreFailed f
                && f.error().kind() == HistoryStoreException.Kind.DISK_FULL));
        assertThatThrownBy(() -> alice.send(PeerRef.user(bob), big))
                .isInstanceOfSatisfying(HistoryStoreException.class,
                        e -> assertThat(e.getMessage()).contains(alice.history().file().toString()));
        assertThat(alice.history().lastSeq()).as("the event is not marked synced").isEqualTo(1);

        StoreFaults.limitPages(alice.history(), 1_000_000);
        deliver(alice.userId(), bob, "after space was freed", true); // a gap: sync fetches both
        await().until(() -> texts(alice, bob).size() == 3);
        assertThat(texts(alice, bob)).containsExactly("fits", big, "after space was freed");
        List<SearchHit> hits = alice.conversations().search("很长的消息");
        assertThat(hits).hasSize(1);
    }
}
