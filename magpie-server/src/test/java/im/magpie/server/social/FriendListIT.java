package im.magpie.server.social;

import static im.magpie.server.social.SocialTestSupport.assertError;
import static im.magpie.server.social.SocialTestSupport.befriend;
import static im.magpie.server.social.SocialTestSupport.expectNoPush;
import static im.magpie.server.social.SocialTestSupport.expectPush;
import static im.magpie.server.social.SocialTestSupport.id;
import static im.magpie.server.social.SocialTestSupport.login;
import static im.magpie.server.social.SocialTestSupport.sendRequest;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.BlockUserRequest;
import im.magpie.protocol.proto.Category;
import im.magpie.protocol.proto.CreateCategoryRequest;
import im.magpie.protocol.proto.DeleteCategoryRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Friend;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.FriendRequestState;
import im.magpie.protocol.proto.ListFriendsRequest;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.MoveFriendRequest;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.RemoveFriendRequest;
import im.magpie.protocol.proto.RenameCategoryRequest;
import im.magpie.protocol.proto.SetRemarkRequest;
import im.magpie.protocol.proto.UnblockUserRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FriendListIT {

    static List<TestDatabase> databases() {
        return SocialTestSupport.databases();
    }

    private static FriendList list(RawClient c) {
        return c.request(Frame.newBuilder().setListFriends(ListFriendsRequest.getDefaultInstance())).getFriendList();
    }

    private static Frame create(RawClient c, String name) {
        return c.request(Frame.newBuilder().setCreateCategory(CreateCategoryRequest.newBuilder().setName(name)));
    }

    private static Frame rename(RawClient c, long id, String name) {
        return c.request(Frame.newBuilder().setRenameCategory(RenameCategoryRequest.newBuilder().setCategoryId(id).setName(name)));
    }

    private static Frame delete(RawClient c, long id) {
        return c.request(Frame.newBuilder().setDeleteCategory(DeleteCategoryRequest.newBuilder().setCategoryId(id)));
    }

    private static Frame move(RawClient c, long friend, long category) {
        return c.request(Frame.newBuilder().setMoveFriend(MoveFriendRequest.newBuilder().setUserId(friend).setCategoryId(category)));
    }

    private static Frame remark(RawClient c, long friend, String remark) {
        return c.request(Frame.newBuilder().setSetRemark(SetRemarkRequest.newBuilder().setUserId(friend).setRemark(remark)));
    }

    private static Friend friend(FriendList list, long userId) {
        return list.getFriendsList().stream().filter(f -> f.getProfile().getUserId() == userId).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_default_category_exists_and_categories_can_be_created_renamed_deleted_and_friends_moved(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            befriend(alice, bob, "bob");
            long b = id(bob);
            FriendList initial = list(alice);
            assertThat(initial.getCategoriesList()).extracting(Category::getCategoryId, Category::getName, Category::getIsDefault)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, "My Friends", true));
            assertThat(friend(initial, b).getCategoryId()).isZero();

            Category work = create(alice, "  同事 Work ").getCategory();
            assertThat(work.getName()).isEqualTo("同事 Work");
            assertThat(work.getCategoryId()).isNotZero();
            Category family = create(alice, "Family").getCategory();
            assertThat(family.getPosition()).isGreaterThan(work.getPosition());

            assertThat(move(alice, b, work.getCategoryId()).hasOk()).isTrue();
            assertThat(friend(list(alice), b).getCategoryId()).isEqualTo(work.getCategoryId());
            assertThat(friend(list(bob), id(alice)).getCategoryId()).as("bob's own list is untouched").isZero();

            Category renamed = rename(alice, work.getCategoryId(), "Colleagues").getCategory();
            assertThat(renamed.getName()).isEqualTo("Colleagues");
            assertThat(list(alice).getCategoriesList()).extracting(Category::getName)
                    .containsExactly("My Friends", "Colleagues", "Family");

            assertThat(delete(alice, work.getCategoryId()).hasOk()).isTrue();
            FriendList after = list(alice);
            assertThat(after.getCategoriesList()).extracting(Category::getName).containsExactly("My Friends", "Family");
            assertThat(friend(after, b).getCategoryId()).as("friends of a deleted category move to the default").isZero();
            assertThat(move(alice, b, 0).hasOk()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void bad_category_operations_get_typed_errors_and_change_nothing(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            befriend(alice, bob, "bob");
            Category work = create(alice, "Work").getCategory();
            assertError(create(alice, ""), ErrorCode.BAD_REQUEST);
            assertError(create(alice, "   "), ErrorCode.BAD_REQUEST);
            assertError(create(alice, "x".repeat(33)), ErrorCode.BAD_REQUEST);
            assertError(create(alice, "Work"), ErrorCode.CONFLICT);
            assertError(create(alice, "work"), ErrorCode.CONFLICT);
            assertError(create(alice, "My Friends"), ErrorCode.CONFLICT);
            assertError(rename(alice, 0, "Best"), ErrorCode.BAD_REQUEST);
            assertError(delete(alice, 0), ErrorCode.BAD_REQUEST);
            assertError(rename(alice, 4242, "Best"), ErrorCode.NOT_FOUND);
            assertError(delete(alice, 4242), ErrorCode.NOT_FOUND);
            Category other = create(alice, "Other").getCategory();
            assertError(rename(alice, other.getCategoryId(), "WORK"), ErrorCode.CONFLICT);
            assertThat(rename(alice, work.getCategoryId(), "Work").hasCategory()).as("renaming to its own name").isTrue();
            // another user's category is not yours
            assertError(rename(bob, work.getCategoryId(), "Mine"), ErrorCode.NOT_FOUND);
            assertError(delete(bob, work.getCategoryId()), ErrorCode.NOT_FOUND);
            assertError(move(bob, id(alice), work.getCategoryId()), ErrorCode.NOT_FOUND);
            // moving a stranger, or into a missing category
            assertError(move(alice, id(carol), work.getCategoryId()), ErrorCode.NOT_FOUND);
            assertError(move(alice, id(bob), 4242), ErrorCode.NOT_FOUND);
            assertThat(list(alice).getCategoriesList()).extracting(Category::getName).containsExactly("My Friends", "Work", "Other");
            assertThat(friend(list(alice), id(bob)).getCategoryId()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void category_limit_is_a_setting(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).set(SocialSettings.MAX_CATEGORIES, 2).start();
             RawClient alice = RawClient.registered(server, "alice")) {
            assertThat(create(alice, "One").hasCategory()).isTrue();
            assertThat(create(alice, "Two").hasCategory()).isTrue();
            assertError(create(alice, "Three"), ErrorCode.CONFLICT);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_remark_is_private_bounded_and_clearable(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            befriend(alice, bob, "bob");
            long b = id(bob);
            assertThat(remark(alice, b, "老板 Bob").hasOk()).isTrue();
            assertThat(friend(list(alice), b).getRemark()).isEqualTo("老板 Bob");
            assertThat(friend(list(bob), id(alice)).getRemark()).isEmpty();
            assertError(remark(alice, b, "x".repeat(33)), ErrorCode.BAD_REQUEST);
            assertError(remark(alice, id(carol), "stranger"), ErrorCode.NOT_FOUND);
            assertThat(friend(list(alice), b).getRemark()).isEqualTo("老板 Bob");
            assertThat(remark(alice, b, "").hasOk()).isTrue();
            assertThat(friend(list(alice), b).getRemark()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void category_and_remark_changes_follow_the_owner_to_other_devices(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient alicePhone = login(server, "alice")) {
            befriend(alice, bob, "bob");
            Category work = create(alice, "Work").getCategory();
            Frame pushed = expectPush(alicePhone, Frame::hasFriendListChanged, "new category on the other device");
            assertThat(pushed.getFriendListChanged().getFriends().getCategoriesList()).extracting(Category::getName)
                    .containsExactly("My Friends", "Work");
            move(alice, id(bob), work.getCategoryId());
            pushed = expectPush(alicePhone, Frame::hasFriendListChanged, "move on the other device");
            assertThat(friend(pushed.getFriendListChanged().getFriends(), id(bob)).getCategoryId()).isEqualTo(work.getCategoryId());
            remark(alice, id(bob), "B");
            pushed = expectPush(alicePhone, Frame::hasFriendListChanged, "remark on the other device");
            assertThat(friend(pushed.getFriendListChanged().getFriends(), id(bob)).getRemark()).isEqualTo("B");
            expectNoPush(alice, Frame::hasFriendListChanged, Duration.ofMillis(200));
            expectNoPush(bob, Frame::hasFriendListChanged, Duration.ofMillis(200));

            // and the next login carries it all in one answer
            RawClient[] holder = new RawClient[1];
            LoginOk ok = SocialTestSupport.loginOk(server, "alice", holder);
            holder[0].close();
            assertThat(ok.getFriends().getCategoriesList()).extracting(Category::getName).containsExactly("My Friends", "Work");
            Friend bobSeen = friend(ok.getFriends(), id(bob));
            assertThat(bobSeen.getRemark()).isEqualTo("B");
            assertThat(bobSeen.getCategoryId()).isEqualTo(work.getCategoryId());
            assertThat(bobSeen.getProfile().getPresence()).isEqualTo(PresenceStatus.ONLINE);
            assertThat(bobSeen.getProfile().getNickname()).isEqualTo("bob");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void removing_a_friend_updates_both_lists_live(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            befriend(alice, bob, "bob");
            long a = id(alice);
            long b = id(bob);
            assertThat(alice.request(Frame.newBuilder().setRemoveFriend(RemoveFriendRequest.newBuilder().setUserId(b))).hasOk()).isTrue();
            Frame toBob = expectPush(bob, f -> f.hasEvent() && f.getEvent().getEvent().hasFriendRemoved(), "bob told");
            assertThat(toBob.getEvent().getEvent().getFriendRemoved().getUserId()).isEqualTo(a);
            Frame toAlice = expectPush(alice, f -> f.hasEvent() && f.getEvent().getEvent().hasFriendRemoved(), "alice's devices told");
            assertThat(toAlice.getEvent().getEvent().getFriendRemoved().getUserId()).isEqualTo(b);
            assertThat(list(alice).getFriendsList()).isEmpty();
            assertThat(list(bob).getFriendsList()).isEmpty();
            assertError(alice.request(Frame.newBuilder().setRemoveFriend(RemoveFriendRequest.newBuilder().setUserId(b))), ErrorCode.NOT_FOUND);
            // no presence after that
            bob.close();
            expectNoPush(alice, Frame::hasPresenceChanged, Duration.ofMillis(500));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void blocking_a_friend_removes_the_friendship_and_unblocking_allows_a_new_request(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient alicePhone = login(server, "alice")) {
            befriend(alice, bob, "bob");
            long a = id(alice);
            long b = id(bob);
            assertThat(alice.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(b))).hasOk()).isTrue();
            assertThat(alice.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(b))).hasOk())
                    .as("idempotent").isTrue();
            expectPush(bob, f -> f.hasEvent() && f.getEvent().getEvent().getFriendRemoved().getUserId() == a, "bob sees a removal");
            Frame pushed = expectPush(alicePhone, Frame::hasFriendListChanged, "the block on alice's other device");
            assertThat(pushed.getFriendListChanged().getFriends().getBlockedUserIdsList()).containsExactly(b);
            FriendList aliceList = list(alice);
            assertThat(aliceList.getFriendsList()).isEmpty();
            assertThat(aliceList.getBlockedUserIdsList()).containsExactly(b);
            assertThat(list(bob).getFriendsList()).isEmpty();
            assertThat(list(bob).getBlockedUserIdsList()).isEmpty();
            assertThat(server.server().features().social().graph().blocks(a, b)).isTrue();

            assertError(alice.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(a))), ErrorCode.BAD_REQUEST);
            assertError(alice.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(99999999L))), ErrorCode.NOT_FOUND);

            assertThat(alice.request(Frame.newBuilder().setUnblockUser(UnblockUserRequest.newBuilder().setUserId(b))).hasOk()).isTrue();
            assertThat(list(alice).getBlockedUserIdsList()).isEmpty();
            assertThat(list(alice).getFriendsList()).as("unblocking does not restore the friendship").isEmpty();
            var sent = sendRequest(bob, "alice", "again?").getFriendRequest();
            expectPush(alice, SocialTestSupport.friendRequestEvent(FriendRequestState.PENDING), "alice receives it now");
            assertThat(SocialTestSupport.answer(alice, sent.getRequestId(), true).getFriendRequest().getState())
                    .isEqualTo(FriendRequestState.ACCEPTED);
        }
    }
}
