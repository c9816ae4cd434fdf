package im.magpie.server.social;

import static im.magpie.server.social.SocialTestSupport.assertError;
import static im.magpie.server.social.SocialTestSupport.awaitPush;
import static im.magpie.server.social.SocialTestSupport.befriend;
import static im.magpie.server.social.SocialTestSupport.expectNoPush;
import static im.magpie.server.social.SocialTestSupport.expectPush;
import static im.magpie.server.social.SocialTestSupport.id;
import static im.magpie.server.social.SocialTestSupport.login;
import static im.magpie.server.social.SocialTestSupport.presenceOf;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Friend;
import im.magpie.protocol.proto.ListFriendsRequest;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.Ping;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.SetStatusRequest;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.session.Connection;
import im.magpie.server.session.SessionListener;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Presence is kept in memory (the database only supplies friend lists), so these run on H2. */
class PresenceIT {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration QUIET = Duration.ofMillis(400);

    private static Frame status(RawClient c, PresenceStatus s) {
        return c.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(s)));
    }

    private static PresenceStatus seenInList(RawClient viewer, long userId) {
        return viewer.request(Frame.newBuilder().setListFriends(ListFriendsRequest.getDefaultInstance())).getFriendList()
                .getFriendsList().stream().filter(f -> f.getProfile().getUserId() == userId).findFirst()
                .map(Friend::getProfile).orElseThrow().getPresence();
    }

    @Test
    void friends_see_a_login_and_a_logout_within_one_second_and_strangers_see_nothing() {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient carol = RawClient.registered(server, "carol")) {
            RawClient bob = RawClient.registered(server, "bob");
            befriend(alice, bob, "bob");
            long b = id(bob);
            expectPush(alice, presenceOf(b, PresenceStatus.ONLINE), "bob online after accepting");

            bob.close();
            assertThat(awaitPush(alice, presenceOf(b, PresenceStatus.OFFLINE), ONE_SECOND)).as("offline within 1 s").isPresent();
            assertThat(seenInList(alice, b)).isEqualTo(PresenceStatus.OFFLINE);

            try (RawClient bobAgain = login(server, "bob")) {
                assertThat(awaitPush(alice, presenceOf(b, PresenceStatus.ONLINE), ONE_SECOND)).as("online within 1 s").isPresent();
                assertThat(seenInList(alice, b)).isEqualTo(PresenceStatus.ONLINE);
                status(bobAgain, PresenceStatus.BUSY);
                assertThat(awaitPush(alice, presenceOf(b, PresenceStatus.BUSY), ONE_SECOND)).isPresent();
            }
            expectNoPush(carol, Frame::hasPresenceChanged, QUIET);
        }
    }

    @Test
    void a_second_device_does_not_repeat_online_and_offline_waits_for_the_last_device() {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            befriend(alice, bob, "bob");
            long b = id(bob);
            expectPush(alice, presenceOf(b, PresenceStatus.ONLINE), "bob online");
            RawClient bobPhone = login(server, "bob");
            expectNoPush(alice, Frame::hasPresenceChanged, QUIET);
            bobPhone.close();
            expectNoPush(alice, Frame::hasPresenceChanged, QUIET);
            bob.close();
            assertThat(awaitPush(alice, presenceOf(b, PresenceStatus.OFFLINE), ONE_SECOND)).isPresent();
        }
    }

    @Test
    void status_changes_reach_friends_and_the_users_other_devices_and_invisible_looks_offline() {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol");
             RawClient bobPhone = login(server, "bob")) {
            befriend(alice, bob, "bob");
            long b = id(bob);
            expectPush(alice, presenceOf(b, PresenceStatus.ONLINE), "bob online");

            assertThat(status(bob, PresenceStatus.AWAY).hasOk()).isTrue();
            assertThat(awaitPush(alice, presenceOf(b, PresenceStatus.AWAY), ONE_SECOND)).isPresent();
            expectPush(bobPhone, presenceOf(b, PresenceStatus.AWAY), "bob's phone follows");
            assertThat(seenInList(alice, b)).isEqualTo(PresenceStatus.AWAY);

            status(bob, PresenceStatus.INVISIBLE);
            assertThat(awaitPush(alice, presenceOf(b, PresenceStatus.OFFLINE), ONE_SECOND)).as("invisible looks offline").isPresent();
            expectPush(bobPhone, presenceOf(b, PresenceStatus.INVISIBLE), "bob's phone sees invisible");
            assertThat(seenInList(alice, b)).isEqualTo(PresenceStatus.OFFLINE);
            assertThat(bob.request(Frame.newBuilder().setWhoami(im.magpie.protocol.proto.WhoAmIRequest.getDefaultInstance()))
                    .getProfile().getPresence()).as("whoami shows bob his own status").isEqualTo(PresenceStatus.INVISIBLE);

            // an invisible user's devices coming and going tells nobody anything
            RawClient[] holder = new RawClient[1];
            LoginOk ok = SocialTestSupport.loginOk(server, "bob", holder);
            assertThat(ok.getSelf().getPresence()).isEqualTo(PresenceStatus.INVISIBLE);
            holder[0].close();
            expectNoPush(alice, Frame::hasPresenceChanged, QUIET);

            status(bob, PresenceStatus.ONLINE);
            assertThat(awaitPush(alice, presenceOf(b, PresenceStatus.ONLINE), ONE_SECOND)).isPresent();
            expectNoPush(carol, Frame::hasPresenceChanged, QUIET);
        }
    }

    @Test
    void only_online_away_busy_and_invisible_can_be_chosen() {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice")) {
            assertError(status(alice, PresenceStatus.OFFLINE), ErrorCode.BAD_REQUEST);
            assertError(status(alice, PresenceStatus.PRESENCE_UNSPECIFIED), ErrorCode.BAD_REQUEST);
            assertError(alice.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatusValue(99))),
                    ErrorCode.BAD_REQUEST);
        }
    }

    @Test
    void a_heartbeat_timeout_shows_the_user_offline_to_friends_within_one_second() {
        try (TestServer server = TestServer.builder().set(CoreSettings.HEARTBEAT_SECONDS, 1).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            befriend(alice, bob, "bob");
            long b = id(bob);
            AtomicLong bobClosedNanos = new AtomicLong();
            server.server().context().sessions().addListener(new SessionListener() {
                @Override
                public void loggedOut(Connection connection, boolean lastDevice) {
                    if (connection.userId() == b) bobClosedNanos.set(System.nanoTime());
                }
            });
            // alice keeps pinging; bob goes silent and is dropped after 3 missed heartbeats
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            Optional<Frame> offline = Optional.empty();
            while (offline.isEmpty() && System.nanoTime() < deadline) {
                alice.send(Frame.newBuilder().setId(1_000_000).setPing(Ping.getDefaultInstance()).build());
                offline = awaitPush(alice, presenceOf(b, PresenceStatus.OFFLINE), Duration.ofMillis(300));
            }
            long received = System.nanoTime();
            assertThat(offline).as("bob shown offline after the heartbeat timeout").isPresent();
            assertThat(bobClosedNanos.get()).isNotZero();
            assertThat(Duration.ofNanos(received - bobClosedNanos.get())).isLessThan(ONE_SECOND);
        }
    }
}
