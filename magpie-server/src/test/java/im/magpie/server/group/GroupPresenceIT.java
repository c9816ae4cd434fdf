package im.magpie.server.group;

import static im.magpie.server.group.GroupTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetGroupRequest;
import im.magpie.protocol.proto.GroupMember;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.ListMembersRequest;
import im.magpie.protocol.proto.MemberList;
import im.magpie.protocol.proto.MemberPresence;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.RemoveMemberRequest;
import im.magpie.protocol.proto.WatchMembersRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Member lists with presence and the online count, and live updates for members who watch. */
class GroupPresenceIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static Frame members(RawClient c, long gid) {
        return c.request(Frame.newBuilder().setListMembers(ListMembersRequest.newBuilder().setGroupId(gid)));
    }

    private static Frame watch(RawClient c, long gid, boolean on) {
        return c.request(Frame.newBuilder().setWatchMembers(WatchMembersRequest.newBuilder().setGroupId(gid).setWatch(on)));
    }

    private static MemberPresence awaitPresence(RawClient c, long gid, long user) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Frame> f = c.nextPush(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f.isEmpty()) break;
            if (f.get().hasMemberPresence() && f.get().getMemberPresence().getGroupId() == gid
                    && f.get().getMemberPresence().getUserId() == user) {
                return f.get().getMemberPresence();
            }
        }
        throw new AssertionError("no member presence for " + user);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_member_list_shows_presence_and_watchers_see_members_come_and_go(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient outsider = RawClient.registered(server, "outsider")) {
            RawClient carol = RawClient.registered(server, "carol");
            long carolId = id(carol);
            long gid = groupOf(alice, "watchers", JoinPolicy.INVITE_ONLY, bob, carol).getGroupId();
            carol.close();
            // wait until the server has seen carol go
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (server.server().context().sessions().isOnline(carolId) && System.nanoTime() < deadline) Thread.onSpinWait();

            MemberList list = members(bob, gid).getMemberList();
            assertThat(list.getOnlineCount()).isEqualTo(2);
            assertThat(list.getMembersList()).extracting(m -> m.getProfile().getUsername()).containsExactly("alice", "bob", "carol");
            assertThat(list.getMembersList()).extracting(m -> m.getProfile().getPresence())
                    .containsExactly(PresenceStatus.ONLINE, PresenceStatus.ONLINE, PresenceStatus.OFFLINE);
            assertThat(bob.request(Frame.newBuilder().setGetGroup(GetGroupRequest.newBuilder().setGroupId(gid)))
                    .getGroupInfo().getOnlineCount()).isEqualTo(2);
            assertThat(error(members(outsider, gid))).as("a private group's members are secret").isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(watch(outsider, gid, true))).isEqualTo(ErrorCode.NOT_FOUND);

            MemberList watched = watch(bob, gid, true).getMemberList();
            assertThat(watched.getMembersCount()).isEqualTo(3);
            drain(bob);
            drain(alice);
            try (RawClient carolAgain = RawClient.connect(server)) {
                assertThat(carolAgain.login("carol", "password-123").hasLoginOk()).isTrue();
                MemberPresence online = awaitPresence(bob, gid, carolId);
                assertThat(online.getPresence()).isEqualTo(PresenceStatus.ONLINE);
                assertThat(online.getOnlineCount()).isEqualTo(3);
                assertThat(drain(alice)).as("alice does not watch").noneMatch(Frame::hasMemberPresence);
            }
            MemberPresence offline = awaitPresence(bob, gid, carolId);
            assertThat(offline.getPresence()).isEqualTo(PresenceStatus.OFFLINE);
            assertThat(offline.getOnlineCount()).isEqualTo(2);

            assertThat(watch(bob, gid, false).hasOk()).isTrue();
            try (RawClient carolAgain = RawClient.connect(server)) {
                carolAgain.login("carol", "password-123");
                assertThat(drain(bob)).noneMatch(Frame::hasMemberPresence);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_chosen_status_reaches_watchers_and_invisible_members_look_offline(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long gid = groupOf(alice, "status", JoinPolicy.OPEN, bob).getGroupId();
            watch(alice, gid, true);
            drain(alice);
            long bobId = id(bob);
            bob.request(Frame.newBuilder().setSetStatus(im.magpie.protocol.proto.SetStatusRequest.newBuilder().setStatus(PresenceStatus.AWAY)));
            MemberPresence away = awaitPresence(alice, gid, bobId);
            assertThat(away.getPresence()).isEqualTo(PresenceStatus.AWAY);
            assertThat(away.getOnlineCount()).isEqualTo(2);
            bob.request(Frame.newBuilder().setSetStatus(im.magpie.protocol.proto.SetStatusRequest.newBuilder().setStatus(PresenceStatus.INVISIBLE)));
            MemberPresence invisible = awaitPresence(alice, gid, bobId);
            assertThat(invisible.getPresence()).isEqualTo(PresenceStatus.OFFLINE);
            assertThat(invisible.getOnlineCount()).isEqualTo(1);
            MemberList list = members(alice, gid).getMemberList();
            assertThat(list.getOnlineCount()).isEqualTo(1);
            assertThat(list.getMembersList()).extracting(m -> m.getProfile().getPresence())
                    .containsExactly(PresenceStatus.ONLINE, PresenceStatus.OFFLINE);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void non_members_see_the_members_of_a_public_group_but_cannot_watch_and_removal_ends_watching(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient outsider = RawClient.registered(server, "outsider")) {
            long gid = groupOf(alice, "public", JoinPolicy.OPEN, bob).getGroupId();
            assertThat(members(outsider, gid).getMemberList().getMembersList()).extracting(GroupMember::getRole).hasSize(2);
            assertThat(error(watch(outsider, gid, true))).isEqualTo(ErrorCode.FORBIDDEN);
            watch(bob, gid, true);
            MemberWatch memberWatch = server.server().features().groups().watch();
            assertThat(memberWatch.isWatching(id(bob), gid)).isTrue();
            alice.request(Frame.newBuilder().setRemoveMember(RemoveMemberRequest.newBuilder().setGroupId(gid).setUserId(id(bob))));
            assertThat(memberWatch.isWatching(id(bob), gid)).isFalse();
            drain(bob);
            try (RawClient late = RawClient.registered(server, "late")) {
                late.request(Frame.newBuilder().setJoinGroup(im.magpie.protocol.proto.JoinGroupRequest.newBuilder().setGroupId(gid)));
                late.close();
                assertThat(drain(bob)).noneMatch(Frame::hasMemberPresence);
            }
        }
    }
}
