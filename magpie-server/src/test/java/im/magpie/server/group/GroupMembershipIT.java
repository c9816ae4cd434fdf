package im.magpie.server.group;

import static im.magpie.server.group.GroupTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetGroupRequest;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupMember;
import im.magpie.protocol.proto.GroupNoticeKind;
import im.magpie.protocol.proto.GroupRole;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.JoinGroupRequest;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.LeaveGroupRequest;
import im.magpie.protocol.proto.ListMembersRequest;
import im.magpie.protocol.proto.RemoveMemberRequest;
import im.magpie.protocol.proto.SetAdminRequest;
import im.magpie.protocol.proto.TransferOwnershipRequest;
import im.magpie.protocol.proto.UpdateGroupRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Leaving, removal, roles, ownership; who hears what, offline catch-up, concurrency at the limit. */
class GroupMembershipIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static Frame remove(RawClient c, long gid, long user) {
        return c.request(Frame.newBuilder().setRemoveMember(RemoveMemberRequest.newBuilder().setGroupId(gid).setUserId(user)));
    }

    private static Frame setAdmin(RawClient c, long gid, long user, boolean admin) {
        return c.request(Frame.newBuilder().setSetAdmin(SetAdminRequest.newBuilder().setGroupId(gid).setUserId(user).setAdmin(admin)));
    }

    private static Frame leave(RawClient c, long gid) {
        return c.request(Frame.newBuilder().setLeaveGroup(LeaveGroupRequest.newBuilder().setGroupId(gid)));
    }

    private static Frame transfer(RawClient c, long gid, long user) {
        return c.request(Frame.newBuilder().setTransferOwnership(TransferOwnershipRequest.newBuilder().setGroupId(gid).setUserId(user)));
    }

    private static GroupRole roleOf(RawClient c, long gid) {
        return c.request(Frame.newBuilder().setGetGroup(GetGroupRequest.newBuilder().setGroupId(gid))).getGroupInfo().getMyRole();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void every_role_edge_has_a_defined_answer(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient owner = RawClient.registered(server, "owner");
             RawClient admin = RawClient.registered(server, "admin");
             RawClient admin2 = RawClient.registered(server, "admin2");
             RawClient member = RawClient.registered(server, "member");
             RawClient outsider = RawClient.registered(server, "outsider")) {
            long gid = groupOf(owner, "roles", JoinPolicy.APPROVAL, admin, admin2, member).getGroupId();
            long ownerId = id(owner), adminId = id(admin), admin2Id = id(admin2), memberId = id(member);

            assertThat(error(setAdmin(admin, gid, memberId, true))).as("only the owner appoints").isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(setAdmin(owner, gid, adminId, true).hasOk()).isTrue();
            assertThat(setAdmin(owner, gid, admin2Id, true).hasOk()).isTrue();
            assertThat(setAdmin(owner, gid, admin2Id, true).hasOk()).as("no change is fine").isTrue();
            assertThat(awaitNotice(member, gid, GroupNoticeKind.ADMIN_GRANTED).getSubjectId()).isEqualTo(adminId);
            assertThat(error(setAdmin(owner, gid, ownerId, false))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(setAdmin(owner, gid, id(outsider), true))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(roleOf(admin, gid)).isEqualTo(GroupRole.ADMIN);

            assertThat(error(remove(member, gid, admin2Id))).as("members remove nobody").isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(error(remove(admin, gid, ownerId))).as("nobody removes the owner").isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(error(remove(admin, gid, admin2Id))).as("admins do not remove admins").isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(error(remove(admin, gid, adminId))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(remove(admin, gid, id(outsider)))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(remove(outsider, gid, memberId))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(remove(owner, gid, admin2Id).hasOk()).as("the owner removes admins").isTrue();

            assertThat(error(leave(owner, gid))).as("the owner must transfer or dissolve first").isEqualTo(ErrorCode.CONFLICT);
            assertThat(error(transfer(admin, gid, memberId))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(error(transfer(owner, gid, ownerId))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(transfer(owner, gid, id(outsider)))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(transfer(owner, gid, memberId).hasOk()).isTrue();
            assertThat(awaitNotice(admin, gid, GroupNoticeKind.OWNER_CHANGED).getSubjectId()).isEqualTo(memberId);
            assertThat(roleOf(member, gid)).isEqualTo(GroupRole.OWNER);
            assertThat(roleOf(owner, gid)).isEqualTo(GroupRole.ADMIN);
            assertThat(owner.request(Frame.newBuilder().setGetGroup(GetGroupRequest.newBuilder().setGroupId(gid)))
                    .getGroupInfo().getOwnerId()).isEqualTo(memberId);
            assertThat(leave(owner, gid).hasOk()).as("the former owner may now leave").isTrue();
            assertThat(error(leave(owner, gid))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(awaitNotice(member, gid, GroupNoticeKind.MEMBER_LEFT).getSubjectId()).isEqualTo(ownerId);
            assertThat(setAdmin(member, gid, adminId, false).hasOk()).isTrue();
            assertThat(awaitNotice(admin, gid, GroupNoticeKind.ADMIN_REVOKED).getSubjectId()).isEqualTo(adminId);

            List<GroupMember> members = member.request(Frame.newBuilder().setListMembers(ListMembersRequest.newBuilder().setGroupId(gid)))
                    .getMemberList().getMembersList();
            assertThat(members).extracting(m -> m.getProfile().getUserId()).containsExactly(memberId, adminId);
            assertThat(members).extracting(GroupMember::getRole).containsExactly(GroupRole.OWNER, GroupRole.MEMBER);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_removed_member_is_told_once_and_then_receives_nothing_more(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            long gid = groupOf(alice, "club", JoinPolicy.INVITE_ONLY, bob, carol).getGroupId();
            drain(bob);
            long bobId = id(bob);
            assertThat(remove(alice, gid, bobId).hasOk()).isTrue();
            assertThat(awaitNotice(bob, gid, GroupNoticeKind.MEMBER_REMOVED).getActorId()).isEqualTo(id(alice));
            assertThat(awaitNotice(carol, gid, GroupNoticeKind.MEMBER_REMOVED).getSubjectId()).isEqualTo(bobId);

            alice.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder().setGroupId(gid).setName("club 2")));
            setAdmin(alice, gid, id(carol), true);
            awaitNotice(carol, gid, GroupNoticeKind.ADMIN_GRANTED);
            assertThat(drain(bob)).as("nothing of the group after removal").isEmpty();
            List<InboxEvent> bobInbox = sync(bob, 0);
            assertThat(noticeKinds(bobInbox, gid)).last().isEqualTo(GroupNoticeKind.MEMBER_REMOVED);

            // the group is private: to bob it no longer exists
            assertThat(error(bob.request(Frame.newBuilder().setListMembers(ListMembersRequest.newBuilder().setGroupId(gid)))))
                    .isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(bob.request(Frame.newBuilder().setGetGroup(GetGroupRequest.newBuilder().setGroupId(gid)))))
                    .isEqualTo(ErrorCode.NOT_FOUND);
            var directory = server.server().features().groups().directory();
            assertThat(directory.membersForPost(gid, id(alice))).containsExactlyInAnyOrder(id(alice), id(carol));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_offline_member_catches_up_on_every_notice_in_order(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient dave = RawClient.registered(server, "dave")) {
            long gid;
            long carolId;
            long seenSeq;
            try (RawClient carol = RawClient.registered(server, "carol")) {
                carolId = id(carol);
                gid = groupOf(alice, "night owls", JoinPolicy.APPROVAL, carol, dave).getGroupId();
                awaitNotice(carol, gid, GroupNoticeKind.MEMBER_JOINED); // her own
                awaitNotice(carol, gid, GroupNoticeKind.MEMBER_JOINED); // dave's
                List<InboxEvent> all = sync(carol, 0);
                seenSeq = all.get(all.size() - 1).getSeq();
            }
            setAdmin(alice, gid, id(dave), true);
            alice.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder().setGroupId(gid).setAnnouncement("quiet please")));
            remove(alice, gid, id(dave));
            try (RawClient carol = RawClient.connect(server)) {
                assertThat(carol.login("carol", "password-123").getLoginOk().getLatestSeq()).isEqualTo(seenSeq + 3);
                List<InboxEvent> missed = sync(carol, seenSeq);
                assertThat(noticeKinds(missed, gid)).containsExactly(
                        GroupNoticeKind.ADMIN_GRANTED, GroupNoticeKind.GROUP_UPDATED, GroupNoticeKind.MEMBER_REMOVED);
                assertThat(missed.get(2).getGroupNotice().getSubjectId()).isEqualTo(id(dave));
                assertThat(carolId).isEqualTo(id(carol));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrent_joins_never_overfill_a_group(TestDatabase db) throws Exception {
        try (TestServer server = TestServer.builder().database(db).set(GroupSettings.MAX_MEMBERS, 4).start();
             RawClient owner = RawClient.registered(server, "owner")) {
            long gid = create(owner, "race", JoinPolicy.OPEN).getGroupId();
            List<RawClient> joiners = new ArrayList<>();
            for (int i = 0; i < 8; i++) joiners.add(RawClient.registered(server, "joiner" + i));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Frame>> answers = new ArrayList<>();
                for (RawClient j : joiners) {
                    answers.add(pool.submit(() -> j.request(Frame.newBuilder().setJoinGroup(JoinGroupRequest.newBuilder().setGroupId(gid)))));
                }
                int joined = 0;
                int full = 0;
                for (Future<Frame> f : answers) {
                    Frame answer = f.get();
                    if (answer.hasGroupInfo()) joined++;
                    else if (answer.getError().getCode() == ErrorCode.CONFLICT) full++;
                }
                assertThat(joined).isEqualTo(3);
                assertThat(full).isEqualTo(5);
                GroupInfo g = owner.request(Frame.newBuilder().setGetGroup(GetGroupRequest.newBuilder().setGroupId(gid))).getGroupInfo();
                assertThat(g.getMemberCount()).isEqualTo(4);
                assertThat(owner.request(Frame.newBuilder().setListMembers(ListMembersRequest.newBuilder().setGroupId(gid)))
                        .getMemberList().getMembersCount()).isEqualTo(4);
            } finally {
                pool.shutdownNow();
                joiners.forEach(RawClient::close);
            }
        }
    }
}
