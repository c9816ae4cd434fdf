package im.magpie.client.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.MessengerEvent;
import im.magpie.client.SessionState;
import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.OutgoingMessage;
import im.magpie.client.history.PeerRef;
import im.magpie.client.internal.Backoff;
import im.magpie.client.internal.WireErrors;
import im.magpie.protocol.proto.Error;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Friend;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.FriendListChanged;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.FriendRequestState;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's parts on a hand-driven scheduler and clock, against a scripted server: no sockets, no sleeps. */
class SessionPartsTest {
    @TempDir
    Path dir;

    private final FakeScheduler scheduler = new FakeScheduler();
    private final FakeWire wire = new FakeWire();
    private final List<MessengerEvent> events = new CopyOnWriteArrayList<>();
    private HistoryStore store;
    private Session session;

    @BeforeEach
    void open() {
        store = HistoryStore.open(dir.resolve("history.db"));
        // jitter 1.0: each delay is the whole window, 1 s doubling to 8 s
        session = new Session(scheduler, wire, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 1.0),
                store, FakeWire.SELF, events::add, ok -> { });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private CompletableFuture<LoginOk> resume() {
        CompletableFuture<LoginOk> login = session.start(new Credentials.Token("token-0", 0));
        scheduler.runReady();
        return login;
    }

    private static CompletableFuture<LoginOk> refused(ErrorCode code) {
        return CompletableFuture.failedFuture(WireErrors.fromServer(
                Error.newBuilder().setCode(code).setMessage(code.name()).build()));
    }

    private static CompletableFuture<LoginOk> unreachable() {
        return CompletableFuture.failedFuture(new MagpieConnectionException("connection refused"));
    }

    private List<SessionState> states() {
        return events.stream().filter(e -> e instanceof MessengerEvent.StateChanged)
                .map(e -> ((MessengerEvent.StateChanged) e).state()).toList();
    }

    // ------------------------------------------------------------------------------ connecting

    @Test
    void failed_attempts_back_off_doubling_up_to_the_cap_and_a_login_resets_the_count() {
        for (int i = 0; i < 5; i++) {
            wire.attempts.add(SessionPartsTest::unreachable);
        }
        CompletableFuture<LoginOk> login = resume();

        assertThat(session.state()).isEqualTo(SessionState.RECONNECTING);
        assertThat(scheduler.pendingTimers()).containsExactly(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(scheduler.pendingTimers()).containsExactly(Duration.ofSeconds(2));
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(scheduler.pendingTimers()).containsExactly(Duration.ofSeconds(4));
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(scheduler.pendingTimers()).containsExactly(Duration.ofSeconds(8));
        scheduler.advance(Duration.ofSeconds(8));
        assertThat(scheduler.pendingTimers()).as("capped").containsExactly(Duration.ofSeconds(8));
        scheduler.advance(Duration.ofSeconds(8));

        assertThat(login).isCompleted();
        assertThat(session.state()).isEqualTo(SessionState.ONLINE);
        assertThat(wire.dialed).hasSize(6);
        wire.drop();
        scheduler.runReady();
        assertThat(scheduler.pendingTimers()).as("after a login, from the start again").containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a_refused_token_stops_the_session_for_good_and_fails_the_login() {
        wire.attempts.add(() -> refused(ErrorCode.UNAUTHENTICATED));
        CompletableFuture<LoginOk> login = resume();

        assertThat(login).isCompletedExceptionally();
        assertThat(session.state()).isEqualTo(SessionState.OFFLINE);
        assertThat(scheduler.pendingTimers()).isEmpty();
        assertThat(states()).containsExactly(SessionState.CONNECTING, SessionState.OFFLINE);
    }

    @Test
    void a_token_refused_on_a_reconnect_stops_instead_of_retrying() {
        resume();
        wire.attempts.add(() -> refused(ErrorCode.UNAUTHENTICATED));
        wire.drop();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(session.state()).isEqualTo(SessionState.OFFLINE);
        assertThat(scheduler.pendingTimers()).isEmpty();
        MessengerEvent.StateChanged last = (MessengerEvent.StateChanged) events.stream()
                .filter(e -> e instanceof MessengerEvent.StateChanged).reduce((a, b) -> b).orElseThrow();
        assertThat(last.cause()).isInstanceOf(MagpieClientException.class);
    }

    @Test
    void a_password_is_tried_once_and_later_attempts_use_the_resume_token() {
        wire.attempts.add(SessionPartsTest::unreachable);
        CompletableFuture<LoginOk> first = session.start(new Credentials.Password("alice", "secret-123"));
        scheduler.runReady();
        assertThat(first).isCompletedExceptionally();
        assertThat(session.state()).isEqualTo(SessionState.OFFLINE);

        Session other = new Session(scheduler, wire, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 1.0),
                store, 0, events::add, ok -> { });
        other.start(new Credentials.Password("alice", "secret-123"));
        scheduler.runReady();
        wire.drop();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(wire.dialed.get(wire.dialed.size() - 1)).isEqualTo(new Credentials.Token("token-1", 1));
    }

    // ------------------------------------------------------------------------------ sync

    @Test
    void sync_pages_through_the_inbox_and_stores_every_event_once() {
        for (int i = 1; i <= 450; i++) {
            wire.addMessage(2, "m" + i);
        }
        resume();

        assertThat(wire.syncRequests).containsExactly(0L, 200L, 400L);
        assertThat(store.lastSeq()).isEqualTo(450);
        assertThat(store.latestMessages(PeerRef.user(2), 500).messages()).hasSize(450);
        assertThat(events).filteredOn(e -> e instanceof MessengerEvent.Synced).hasSize(1);
        int received = events.stream().filter(e -> e instanceof MessengerEvent.MessagesReceived)
                .mapToInt(e -> ((MessengerEvent.MessagesReceived) e).messages().size()).sum();
        assertThat(received).isEqualTo(450);
    }

    @Test
    void a_push_in_sequence_is_stored_directly_and_a_gap_starts_a_sync() {
        resume();
        wire.syncRequests.clear();

        InboxEvent next = wire.addMessage(2, "in order");
        wire.push(Frame.newBuilder().setEvent(im.magpie.protocol.proto.EventPush.newBuilder().setEvent(next)).build());
        scheduler.runReady();
        assertThat(wire.syncRequests).isEmpty();
        assertThat(store.lastSeq()).isEqualTo(1);

        wire.addMessage(2, "missed");
        InboxEvent after = wire.addMessage(2, "after the gap");
        wire.push(Frame.newBuilder().setEvent(im.magpie.protocol.proto.EventPush.newBuilder().setEvent(after)).build());
        scheduler.runReady();
        assertThat(wire.syncRequests).containsExactly(1L);
        assertThat(store.lastSeq()).isEqualTo(3);
    }

    // ------------------------------------------------------------------------------ outbox

    @Test
    void the_outbox_goes_out_in_order_and_exactly_once_across_a_reconnect() {
        resume();
        wire.holdSends = true;
        for (String text : List.of("one", "two", "three")) {
            store.outbox().enqueue(OutgoingMessage.text(PeerRef.user(2), FakeWire.SELF, text));
            session.outboxChanged();
        }
        scheduler.runReady();
        assertThat(wire.sendAttempts).as("one in flight at a time").containsExactly("one");

        wire.drop();
        scheduler.runReady();
        wire.heldSends.poll().run(); // the server stores "one", but its ack comes on the dead connection
        scheduler.runReady();
        wire.holdSends = false;
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(wire.sendAttempts).containsExactly("one", "one", "two", "three");
        assertThat(wire.stored).as("stored once each, in order").hasSize(3);
        assertThat(store.outbox().pending()).isEmpty();
        assertThat(store.latestMessages(PeerRef.user(2), 10).messages())
                .extracting(m -> m.status()).containsOnly(MessageStatus.SENT);
        assertThat(events).filteredOn(e -> e instanceof MessengerEvent.MessageSent).hasSize(3);
    }

    // ------------------------------------------------------------------------------ receipts

    @Test
    void a_conversation_read_offline_is_reported_read_when_the_session_is_next_online() {
        resume();
        wire.addMessage(2, "hello");
        session.syncNow();
        scheduler.runReady();
        wire.receipts.clear();
        wire.attempts.add(SessionPartsTest::unreachable);
        wire.drop();
        scheduler.runReady();

        long upTo = store.markAllRead(PeerRef.user(2));
        session.read(PeerRef.user(2), upTo);
        scheduler.runReady();
        assertThat(wire.receipts).as("offline: kept").isEmpty();

        scheduler.advance(Duration.ofSeconds(1)); // the retry fails
        scheduler.advance(Duration.ofSeconds(2)); // this one logs in
        assertThat(session.state()).isEqualTo(SessionState.ONLINE);
        assertThat(wire.receipts).containsExactly("READ 2 " + upTo);
    }

    // ------------------------------------------------------------------------------ caches

    private static FriendList friends(long version, String... usernames) {
        FriendList.Builder list = FriendList.newBuilder().setVersion(version);
        long id = 10;
        for (String u : usernames) {
            list.addFriends(Friend.newBuilder().setProfile(Profile.newBuilder().setUserId(id++).setUsername(u)));
        }
        return list.build();
    }

    @Test
    void an_older_friend_list_answer_does_not_overwrite_a_newer_pushed_one() {
        resume();
        CompletableFuture<FriendList> slowAnswer = new CompletableFuture<>();
        wire.friendListAnswer = slowAnswer;
        CompletableFuture<List<ContactRecord>> refresh = session.refreshFriends();
        scheduler.runReady();

        wire.push(Frame.newBuilder().setFriendListChanged(FriendListChanged.newBuilder()
                .setFriends(friends(5, "bob", "carol"))).build());
        scheduler.runReady();
        slowAnswer.complete(friends(4, "bob"));
        scheduler.runReady();

        assertThat(refresh).isCompleted();
        assertThat(store.friends().all()).extracting(ContactRecord::username).containsExactlyInAnyOrder("bob", "carol");
        assertThat(store.friends().version()).isEqualTo(5);
        assertThat(events).filteredOn(e -> e instanceof MessengerEvent.FriendsChanged).hasSize(1);
    }

    @Test
    void an_accepted_request_in_the_inbox_brings_the_new_friend_into_the_cache_and_names_both() {
        resume();
        wire.friendList = friends(2, "bob");
        wire.add(InboxEvent.newBuilder().setFriendRequest(FriendRequest.newBuilder().setRequestId(7)
                .setFrom(Profile.newBuilder().setUserId(FakeWire.SELF).setUsername("alice"))
                .setTo(Profile.newBuilder().setUserId(10).setUsername("bob").setNickname("Bobby"))
                .setState(FriendRequestState.ACCEPTED)));
        session.syncNow();
        scheduler.runReady();

        assertThat(store.friends().all()).extracting(ContactRecord::username).containsExactly("bob");
        MessengerEvent.FriendRequestAnswered answered = events.stream()
                .filter(e -> e instanceof MessengerEvent.FriendRequestAnswered)
                .map(e -> (MessengerEvent.FriendRequestAnswered) e).findFirst().orElseThrow();
        assertThat(answered.request().incoming()).isFalse();
        assertThat(answered.request().to().username()).isEqualTo("bob");
    }

    @Test
    void a_message_from_someone_unknown_is_published_with_the_name_looked_up_first() {
        resume();
        wire.profiles.put(42L, Profile.newBuilder().setUserId(42).setUsername("dave").setNickname("Dave").build());
        wire.addMessage(42, "hi from a group member");
        session.syncNow();
        scheduler.runReady();

        MessengerEvent.MessagesReceived received = events.stream()
                .filter(e -> e instanceof MessengerEvent.MessagesReceived)
                .map(e -> (MessengerEvent.MessagesReceived) e).findFirst().orElseThrow();
        assertThat(received.messages().get(0).sender().displayName()).isEqualTo("Dave");
        assertThat(store.people().findByName("dave")).get().extracting(p -> p.userId()).isEqualTo(42L);
    }

    @Test
    void a_message_the_detour_delivered_still_goes_to_the_server_once_in_its_turn() {
        List<String> detoured = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> peerAck = new CompletableFuture<>();
        session = new Session(scheduler, wire, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 1.0),
                store, FakeWire.SELF, events::add, ok -> { }, entry -> {
                    detoured.add(entry.text());
                    return entry.text().equals("direct") ? peerAck : CompletableFuture.completedFuture(false);
                });
        resume();
        store.outbox().enqueue(OutgoingMessage.text(PeerRef.user(2), FakeWire.SELF, "direct"));
        store.outbox().enqueue(OutgoingMessage.text(PeerRef.user(2), FakeWire.SELF, "after it"));
        session.outboxChanged();
        scheduler.runReady();
        assertThat(detoured).containsExactly("direct");
        assertThat(wire.sendAttempts).as("waits for the direct attempt: order holds").isEmpty();

        peerAck.complete(true);
        scheduler.runReady();
        assertThat(wire.sendAttempts).containsExactly("direct", "after it");
        assertThat(wire.reportedDirectly).as("only what the peer acknowledged is reported delivered_directly")
                .containsExactly("direct");
        assertThat(wire.stored).hasSize(2);
        assertThat(store.outbox().pending()).isEmpty();
    }
}
