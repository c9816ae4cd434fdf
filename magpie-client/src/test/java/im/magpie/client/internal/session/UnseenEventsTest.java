package im.magpie.client.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.MessengerEvent;
import im.magpie.client.internal.Backoff;
import im.magpie.client.history.HistoryStore;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.FriendRequestState;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sync stored is replayed, named, for whoever shows it, once; what was shown live is not. */
class UnseenEventsTest {
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
        session = new Session(scheduler, wire, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 1.0),
                store, FakeWire.SELF, events::add, ok -> { });
        session.start(new Credentials.Token("token-0", 0));
        scheduler.runReady();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** bob accepts this account's request, then writes to it; a sync stores both. */
    private void syncAnAcceptanceAndAMessage() {
        wire.profiles.put(10L, Profile.newBuilder().setUserId(10).setUsername("bob").setNickname("Bobby").build());
        wire.add(InboxEvent.newBuilder().setFriendRequest(FriendRequest.newBuilder().setRequestId(7)
                .setFrom(Profile.newBuilder().setUserId(FakeWire.SELF).setUsername("alice"))
                .setTo(Profile.newBuilder().setUserId(10).setUsername("bob").setNickname("Bobby"))
                .setState(FriendRequestState.ACCEPTED)));
        wire.addMessage(10, "hello alice");
        session.syncNow();
        scheduler.runReady();
    }

    @Test
    void what_a_quiet_sync_stored_is_shown_named_in_order_and_only_once() {
        syncAnAcceptanceAndAMessage(); // nobody showed the published events

        List<MessengerEvent> shown = new ArrayList<>();
        assertThat(session.showUnseen(shown::add)).isEqualTo(2);

        assertThat(shown.get(0)).isInstanceOfSatisfying(MessengerEvent.FriendRequestAnswered.class, a -> {
            assertThat(a.seq()).isEqualTo(1);
            assertThat(a.request().to().displayName()).isEqualTo("Bobby");
        });
        assertThat(shown.get(1)).isInstanceOfSatisfying(MessengerEvent.MessagesReceived.class, m -> {
            assertThat(m.messages()).singleElement().satisfies(n -> {
                assertThat(n.record().text()).isEqualTo("hello alice");
                assertThat(n.sender().displayName()).isEqualTo("Bobby");
            });
        });
        assertThat(session.showUnseen(shown::add)).isZero();
        assertThat(shown).hasSize(2);
    }

    @Test
    void events_marked_seen_as_they_were_shown_are_not_shown_again() {
        syncAnAcceptanceAndAMessage();

        events.forEach(session::markSeen); // a live front end showed them as they came

        assertThat(session.showUnseen(e -> { })).isZero();
    }

    @Test
    void when_showing_fails_what_was_shown_stays_seen_and_the_rest_waits() {
        syncAnAcceptanceAndAMessage();
        List<MessengerEvent> shown = new ArrayList<>();

        try {
            session.showUnseen(e -> {
                if (e instanceof MessengerEvent.MessagesReceived) {
                    throw new IllegalStateException("the terminal went away");
                }
                shown.add(e);
            });
        } catch (IllegalStateException expected) {
            // as a broken output would
        }

        assertThat(shown).hasSize(1);
        List<MessengerEvent> rest = new ArrayList<>();
        session.showUnseen(rest::add);
        assertThat(rest).singleElement().isInstanceOf(MessengerEvent.MessagesReceived.class);
    }
}
