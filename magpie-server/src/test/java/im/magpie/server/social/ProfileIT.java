package im.magpie.server.social;

import static im.magpie.server.social.SocialTestSupport.assertError;
import static im.magpie.server.social.SocialTestSupport.befriend;
import static im.magpie.server.social.SocialTestSupport.expectNoPush;
import static im.magpie.server.social.SocialTestSupport.expectPush;
import static im.magpie.server.social.SocialTestSupport.id;
import static im.magpie.server.social.SocialTestSupport.login;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetProfileRequest;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.SearchUsersRequest;
import im.magpie.protocol.proto.UpdateProfileRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileIT {

    static List<TestDatabase> databases() {
        return SocialTestSupport.databases();
    }

    private static Frame update(RawClient c, String nickname, String signature) {
        UpdateProfileRequest.Builder req = UpdateProfileRequest.newBuilder();
        if (nickname != null) req.setNickname(nickname);
        if (signature != null) req.setSignature(signature);
        return c.request(Frame.newBuilder().setUpdateProfile(req));
    }

    private static Frame search(RawClient c, String query, int limit) {
        return c.request(Frame.newBuilder().setSearchUsers(SearchUsersRequest.newBuilder().setQuery(query).setLimit(limit)));
    }

    private static Profile whoami(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nickname_and_signature_changes_reach_friends_and_own_devices_but_not_strangers(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol");
             RawClient alicePhone = login(server, "alice")) {
            befriend(alice, bob, "bob");
            Profile updated = update(alice, "爱丽丝 🐦", "去鹊桥见面").getProfile();
            assertThat(updated.getNickname()).isEqualTo("爱丽丝 🐦");
            assertThat(updated.getSignature()).isEqualTo("去鹊桥见面");
            assertThat(updated.getPresence()).isEqualTo(PresenceStatus.ONLINE);

            Frame toBob = expectPush(bob, Frame::hasProfileChanged, "bob sees the new nickname");
            assertThat(toBob.getProfileChanged().getProfile().getNickname()).isEqualTo("爱丽丝 🐦");
            assertThat(toBob.getProfileChanged().getProfile().getSignature()).isEqualTo("去鹊桥见面");
            expectPush(alicePhone, Frame::hasProfileChanged, "alice's phone follows");
            expectNoPush(carol, Frame::hasProfileChanged, Duration.ofMillis(300));
            expectNoPush(alice, Frame::hasProfileChanged, Duration.ofMillis(100));

            Profile onlySignature = update(alice, null, "").getProfile();
            assertThat(onlySignature.getNickname()).isEqualTo("爱丽丝 🐦");
            assertThat(onlySignature.getSignature()).isEmpty();
            assertThat(whoami(alice).getSignature()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void over_long_or_empty_values_are_refused_and_change_nothing(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice")) {
            update(alice, "Alice", "hello");
            assertError(update(alice, "x".repeat(33), null), ErrorCode.BAD_REQUEST);
            assertError(update(alice, "", null), ErrorCode.BAD_REQUEST);
            assertError(update(alice, "   ", "fine"), ErrorCode.BAD_REQUEST);
            assertError(update(alice, null, "s".repeat(81)), ErrorCode.BAD_REQUEST);
            assertError(update(alice, "Alice2", "bad\u0007bell"), ErrorCode.BAD_REQUEST);
            Profile p = whoami(alice);
            assertThat(p.getNickname()).isEqualTo("Alice");
            assertThat(p.getSignature()).isEqualTo("hello");
            assertThat(update(alice, "好".repeat(32), "签".repeat(80)).hasProfile()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void search_finds_the_exact_username_or_a_prefix_of_three_characters_at_most_twenty(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start()) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 23; i++) clients.add(RawClient.registered(server, String.format("magpie%02d", i)));
                clients.add(RawClient.registered(server, "mag"));
                clients.add(RawClient.registered(server, "max_power"));
                clients.add(RawClient.registered(server, "maxxpower"));
                RawClient me = clients.get(0);
                befriend(me, clients.get(1), "magpie01");

                List<Profile> exactFirst = search(me, "MAG", 0).getUserList().getUsersList();
                assertThat(exactFirst).hasSize(20);
                assertThat(exactFirst.get(0).getUsername()).as("the exact match first").isEqualTo("mag");
                assertThat(exactFirst.get(1).getUsername()).isEqualTo("magpie00");
                assertThat(search(me, "magpie07", 0).getUserList().getUsersList()).extracting(Profile::getUsername)
                        .containsExactly("magpie07");

                List<Profile> prefix = search(me, "magpie", 50).getUserList().getUsersList();
                assertThat(prefix).hasSize(20);
                assertThat(prefix.get(0).getUsername()).isEqualTo("magpie00");
                assertThat(search(me, "magpie", 5).getUserList().getUsersList()).hasSize(5);
                assertThat(search(me, "magpie1", 0).getUserList().getUsersList()).hasSize(10);

                // "_" is a literal, not a wildcard
                assertThat(search(me, "max_", 0).getUserList().getUsersList()).extracting(Profile::getUsername)
                        .containsExactly("max_power");
                assertThat(search(me, "nobody", 0).getUserList().getUsersList()).isEmpty();
                assertThat(search(me, "m", 0).getUserList().getUsersList()).as("too short for a prefix").isEmpty();
                assertThat(search(me, "ma", 0).getUserList().getUsersList()).as("too short for a prefix").isEmpty();

                // presence only for friends and oneself
                Profile friend = prefix.stream().filter(p -> p.getUsername().equals("magpie01")).findFirst().orElseThrow();
                Profile stranger = prefix.stream().filter(p -> p.getUsername().equals("magpie02")).findFirst().orElseThrow();
                Profile self = prefix.stream().filter(p -> p.getUsername().equals("magpie00")).findFirst().orElseThrow();
                assertThat(friend.getPresence()).isEqualTo(PresenceStatus.ONLINE);
                assertThat(stranger.getPresence()).isEqualTo(PresenceStatus.PRESENCE_UNSPECIFIED);
                assertThat(self.getPresence()).isEqualTo(PresenceStatus.ONLINE);

                assertError(search(me, "", 0), ErrorCode.BAD_REQUEST);
                assertError(search(me, "x".repeat(33), 0), ErrorCode.BAD_REQUEST);
            } finally {
                clients.forEach(RawClient::close);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_profile_is_found_by_id_or_username_with_presence_only_for_friends(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            befriend(alice, bob, "bob");
            Profile byName = alice.request(Frame.newBuilder().setGetProfile(GetProfileRequest.newBuilder().setUsername("Bob"))).getProfile();
            assertThat(byName.getUserId()).isEqualTo(id(bob));
            assertThat(byName.getPresence()).isEqualTo(PresenceStatus.ONLINE);
            Profile byId = carol.request(Frame.newBuilder().setGetProfile(GetProfileRequest.newBuilder().setUserId(id(bob)))).getProfile();
            assertThat(byId.getUsername()).isEqualTo("bob");
            assertThat(byId.getPresence()).isEqualTo(PresenceStatus.PRESENCE_UNSPECIFIED);
            assertError(alice.request(Frame.newBuilder().setGetProfile(GetProfileRequest.newBuilder().setUsername("nobody"))), ErrorCode.NOT_FOUND);
            assertError(alice.request(Frame.newBuilder().setGetProfile(GetProfileRequest.newBuilder().setUserId(777))), ErrorCode.NOT_FOUND);
        }
    }
}
