package im.magpie.server.social;

import static im.magpie.server.social.SocialTestSupport.befriend;
import static im.magpie.server.social.SocialTestSupport.expectPush;
import static im.magpie.server.social.SocialTestSupport.id;
import static im.magpie.server.social.SocialTestSupport.presenceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.BlockUserRequest;
import im.magpie.protocol.proto.CreateCategoryRequest;
import im.magpie.protocol.proto.DeleteCategoryRequest;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.FriendPresence;
import im.magpie.protocol.proto.ListFriendsRequest;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.MoveFriendRequest;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.RemoveFriendRequest;
import im.magpie.protocol.proto.RenameCategoryRequest;
import im.magpie.protocol.proto.ResumeRequest;
import im.magpie.protocol.proto.SetAvatarRequest;
import im.magpie.protocol.proto.SetRemarkRequest;
import im.magpie.protocol.proto.SetStatusRequest;
import im.magpie.protocol.proto.UnblockUserRequest;
import im.magpie.protocol.proto.UpdateProfileRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A reconnecting device that holds the current friend list is not sent it again (FriendList.version). */
class FriendListVersionIT {

    static List<TestDatabase> databases() {
        return SocialTestSupport.databases();
    }

    private static FriendList list(RawClient c) {
        return c.request(Frame.newBuilder().setListFriends(ListFriendsRequest.getDefaultInstance())).getFriendList();
    }

    /** A new connection that resumes with {@code token}, saying it holds {@code version}. */
    private static LoginOk resume(TestServer server, String token, long version, List<RawClient> opened) {
        RawClient c = RawClient.connect(server);
        opened.add(c);
        Frame f = c.request(Frame.newBuilder().setResume(ResumeRequest.newBuilder()
                .setResumeToken(token).setFriendListVersion(version)));
        assertThat(f.hasLoginOk()).as("resume: %s", f).isTrue();
        return f.getLoginOk();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_device_holding_the_current_list_gets_only_who_is_online(TestDatabase db) {
        List<RawClient> opened = new ArrayList<>();
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.connect(server);
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol");
             RawClient dave = RawClient.registered(server, "dave")) {
            LoginOk first = alice.register("alice", "password-123", "Alice");
            befriend(alice, bob, "bob");
            befriend(alice, carol, "carol");
            befriend(alice, dave, "dave");
            assertThat(carol.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder()
                    .setStatus(PresenceStatus.BUSY))).hasError()).isFalse();
            long d = id(dave);
            dave.close(); // offline: not in the answer
            expectPush(alice, presenceOf(d, PresenceStatus.OFFLINE), "dave offline");
            FriendList current = list(alice);
            assertThat(current.getVersion()).isNotZero();
            assertThat(current.getFriendsCount()).isEqualTo(3);

            LoginOk same = resume(server, first.getResumeToken(), current.getVersion(), opened);
            assertThat(same.getFriendListUnchanged()).isTrue();
            assertThat(same.hasFriends()).isFalse();
            assertThat(same.getFriendPresenceList()).extracting(FriendPresence::getUserId, FriendPresence::getPresence)
                    .containsExactlyInAnyOrder(
                            tuple(id(bob), PresenceStatus.ONLINE),
                            tuple(id(carol), PresenceStatus.BUSY));
            assertThat(same.getSelf().getUserId()).isEqualTo(id(alice));

            for (long held : new long[] {0, current.getVersion() + 1, current.getVersion() - 1}) {
                LoginOk full = resume(server, first.getResumeToken(), held, opened);
                assertThat(full.getFriendListUnchanged()).as("holding %d", held).isFalse();
                assertThat(full.getFriendPresenceList()).isEmpty();
                assertThat(full.getFriends()).isEqualTo(current);
            }

            // Friends still hear of the login that was not sent the list.
            long a = id(alice);
            alice.close();
            opened.forEach(RawClient::close);
            expectPush(bob, presenceOf(a, PresenceStatus.OFFLINE), "alice offline");
            assertThat(resume(server, first.getResumeToken(), current.getVersion(), opened).getFriendListUnchanged()).isTrue();
            expectPush(bob, presenceOf(a, PresenceStatus.ONLINE), "alice online again");
        } finally {
            opened.forEach(RawClient::close);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everything_the_list_shows_but_presence_gives_it_a_new_version(TestDatabase db) {
        List<RawClient> opened = new ArrayList<>();
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.connect(server);
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            String token = alice.register("alice", "password-123", "Alice").getResumeToken();
            long b = id(bob);
            long[] version = {list(alice).getVersion()};
            // Each change must give alice's list a version it never had, and a device still
            // holding the version before it must be sent the changed list.
            Consumer<Runnable> changes = change -> {
                change.run();
                FriendList now = list(alice);
                assertThat(now.getVersion()).isNotZero().isNotEqualTo(version[0]);
                LoginOk stale = resume(server, token, version[0], opened);
                assertThat(stale.getFriendListUnchanged()).isFalse();
                assertThat(stale.getFriends()).isEqualTo(now);
                version[0] = now.getVersion();
            };
            changes.accept(() -> befriend(alice, bob, "bob"));
            changes.accept(() -> befriend(carol, alice, "alice"));
            changes.accept(() -> assertThat(alice.request(Frame.newBuilder().setSetRemark(SetRemarkRequest.newBuilder()
                    .setUserId(b).setRemark("Bobby"))).hasOk()).isTrue());
            long[] category = {0};
            changes.accept(() -> category[0] = alice.request(Frame.newBuilder().setCreateCategory(
                    CreateCategoryRequest.newBuilder().setName("Work"))).getCategory().getCategoryId());
            changes.accept(() -> assertThat(alice.request(Frame.newBuilder().setRenameCategory(RenameCategoryRequest
                    .newBuilder().setCategoryId(category[0]).setName("Office"))).hasError()).isFalse());
            changes.accept(() -> assertThat(alice.request(Frame.newBuilder().setMoveFriend(MoveFriendRequest.newBuilder()
                    .setUserId(b).setCategoryId(category[0]))).hasOk()).isTrue());
            changes.accept(() -> assertThat(alice.request(Frame.newBuilder().setDeleteCategory(DeleteCategoryRequest
                    .newBuilder().setCategoryId(category[0]))).hasOk()).isTrue());
            // A friend's profile is part of the list: their change is a change to it.
            changes.accept(() -> assertThat(bob.request(Frame.newBuilder().setUpdateProfile(UpdateProfileRequest
                    .newBuilder().setNickname("Robert"))).hasProfile()).isTrue());
            changes.accept(() -> assertThat(bob.request(Frame.newBuilder().setSetAvatar(SetAvatarRequest.newBuilder()
                    .setImage(ByteString.copyFrom(AvatarIT.image("png", 32, 32))))).hasProfile()).isTrue());
            changes.accept(() -> assertThat(alice.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder()
                    .setUserId(id(carol)))).hasOk()).isTrue());
            changes.accept(() -> assertThat(alice.request(Frame.newBuilder().setUnblockUser(UnblockUserRequest.newBuilder()
                    .setUserId(id(carol)))).hasOk()).isTrue());
            changes.accept(() -> assertThat(bob.request(Frame.newBuilder().setRemoveFriend(RemoveFriendRequest.newBuilder()
                    .setUserId(id(alice)))).hasOk()).isTrue());
            assertThat(list(alice).getFriendsList()).isEmpty();

            // Presence is not: it travels beside the list.
            befriend(alice, bob, "bob");
            long before = list(alice).getVersion();
            assertThat(bob.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder()
                    .setStatus(PresenceStatus.AWAY))).hasError()).isFalse();
            bob.close();
            assertThat(list(alice).getVersion()).isEqualTo(before);
            assertThat(resume(server, token, before, opened).getFriendListUnchanged()).isTrue();
        } finally {
            opened.forEach(RawClient::close);
        }
    }
}
