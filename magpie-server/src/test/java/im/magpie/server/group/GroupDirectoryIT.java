package im.magpie.server.group;

import static im.magpie.server.group.GroupTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.JoinGroupRequest;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.LeaveGroupRequest;
import im.magpie.protocol.proto.SetAdminRequest;
import im.magpie.protocol.proto.UpdateGroupRequest;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.message.GroupDirectory;
import im.magpie.testkit.ManualClock;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What messaging asks of groups: who gets a post, mentions, private words, history start. */
class GroupDirectoryIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static ErrorCode code(Runnable r) {
        try {
            r.run();
        } catch (MagpieException e) {
            return e.code();
        }
        throw new AssertionError("no exception");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void members_get_posts_mentions_resolve_and_private_words_follow_the_group_setting(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.connect(server);
             RawClient bob = RawClient.connect(server);
             RawClient carol = RawClient.connect(server);
             RawClient outsider = RawClient.registered(server, "outsider")) {
            alice.register("alice", "password-123", "Alice 王");
            bob.register("bob", "password-123", "小明");
            carol.register("carol", "password-123", "Bo");
            long a = id(alice), b = id(bob), c = id(carol), o = id(outsider);
            long gid = groupOf(alice, "dir", JoinPolicy.APPROVAL, bob, carol).getGroupId();
            long secret = create(alice, "secret", JoinPolicy.INVITE_ONLY).getGroupId();
            GroupDirectory dir = server.server().features().groups().directory();

            assertThat(dir.membersForPost(gid, b)).containsExactly(a, b, c).isSorted();
            assertThat(code(() -> dir.membersForPost(gid, o))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(code(() -> dir.membersForPost(secret, o))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(code(() -> dir.membersForPost(777, a))).isEqualTo(ErrorCode.NOT_FOUND);

            assertThat(dir.resolveMentions(gid, a, "@小明 你好, @Bo!", false)).containsExactlyInAnyOrder(b, c);
            assertThat(dir.resolveMentions(gid, a, "@Bob is not Bo", false)).as("@bob is bob's username").containsExactly(b);
            assertThat(dir.resolveMentions(gid, a, "@Boss", false)).isEmpty();
            assertThat(dir.resolveMentions(gid, a, "no mentions", false)).isEmpty();
            assertThat(dir.resolveMentions(gid, b, "@Alice 王 look", false)).containsExactly(a);
            assertThat(code(() -> dir.resolveMentions(gid, b, "@all", true))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(dir.resolveMentions(gid, a, "@all", true)).containsExactlyInAnyOrder(b, c);
            alice.request(Frame.newBuilder().setSetAdmin(SetAdminRequest.newBuilder().setGroupId(gid).setUserId(b).setAdmin(true)));
            assertThat(dir.resolveMentions(gid, b, "", true)).containsExactlyInAnyOrder(a, c);
            assertThat(code(() -> dir.resolveMentions(gid, o, "@小明", false))).isEqualTo(ErrorCode.FORBIDDEN);

            assertThat(dir.allowsPrivateWord(gid, b, c)).isTrue();
            assertThat(dir.allowsPrivateWord(gid, b, o)).isFalse();
            assertThat(dir.allowsPrivateWord(gid, o, b)).isFalse();
            assertThat(dir.allowsPrivateWord(777, a, b)).isFalse();
            alice.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder().setGroupId(gid).setPrivateChatAllowed(false)));
            assertThat(dir.allowsPrivateWord(gid, b, c)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void history_starts_at_the_latest_join(TestDatabase db) {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.builder().database(db).clock(clock).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long gid = create(alice, "open", JoinPolicy.OPEN).getGroupId();
            long created = clock.millis();
            clock.advance(Duration.ofMinutes(5));
            bob.request(Frame.newBuilder().setJoinGroup(JoinGroupRequest.newBuilder().setGroupId(gid)));
            GroupDirectory dir = server.server().features().groups().directory();
            assertThat(dir.memberSinceMs(gid, id(alice))).isEqualTo(created);
            assertThat(dir.memberSinceMs(gid, id(bob))).isEqualTo(created + Duration.ofMinutes(5).toMillis());
            bob.request(Frame.newBuilder().setLeaveGroup(LeaveGroupRequest.newBuilder().setGroupId(gid)));
            assertThat(code(() -> dir.memberSinceMs(gid, id(bob)))).isEqualTo(ErrorCode.FORBIDDEN);
            clock.advance(Duration.ofMinutes(5));
            bob.request(Frame.newBuilder().setJoinGroup(JoinGroupRequest.newBuilder().setGroupId(gid)));
            assertThat(dir.memberSinceMs(gid, id(bob))).isEqualTo(created + Duration.ofMinutes(10).toMillis());
            assertThatThrownBy(() -> dir.memberSinceMs(999, id(bob))).isInstanceOf(MagpieException.class);
        }
    }
}
