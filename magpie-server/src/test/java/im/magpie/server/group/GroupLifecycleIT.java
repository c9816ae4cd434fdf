package im.magpie.server.group;

import static im.magpie.server.group.GroupTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.AnswerGroupInvitation;
import im.magpie.protocol.proto.AnswerJoinRequest;
import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.DissolveGroupRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetGroupRequest;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupNotice;
import im.magpie.protocol.proto.GroupNoticeKind;
import im.magpie.protocol.proto.GroupRole;
import im.magpie.protocol.proto.JoinGroupRequest;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.ListGroupsRequest;
import im.magpie.protocol.proto.UpdateGroupRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Creating, seeing, updating and joining groups (invitation, approved request, open). */
class GroupLifecycleIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static Frame get(RawClient c, long groupId) {
        return c.request(Frame.newBuilder().setGetGroup(GetGroupRequest.newBuilder().setGroupId(groupId)));
    }

    private static Frame join(RawClient c, long groupId, String note) {
        return c.request(Frame.newBuilder().setJoinGroup(JoinGroupRequest.newBuilder().setGroupId(groupId).setNote(note)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_created_group_is_listed_for_its_owner_and_shows_only_public_facts_to_others(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            Frame created = alice.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("  读书会 Book club 📚 ").setAnnouncement("每周五晚上\nFridays").setJoinPolicy(JoinPolicy.APPROVAL)));
            GroupInfo g = created.getGroupInfo();
            assertThat(g.getName()).isEqualTo("读书会 Book club 📚");
            assertThat(g.getMyRole()).isEqualTo(GroupRole.OWNER);
            assertThat(g.getOwnerId()).isEqualTo(id(alice));
            assertThat(g.getMemberCount()).isEqualTo(1);
            assertThat(g.getOnlineCount()).isEqualTo(1);
            assertThat(g.getPrivateChatAllowed()).isTrue();
            assertThat(g.getIsLobby()).isFalse();
            assertThat(awaitNotice(alice, g.getGroupId(), GroupNoticeKind.GROUP_CREATED).getActorId()).isEqualTo(id(alice));

            assertThat(alice.request(Frame.newBuilder().setListGroups(ListGroupsRequest.getDefaultInstance()))
                    .getGroupList().getGroupsList()).extracting(GroupInfo::getGroupId).containsExactly(g.getGroupId());
            assertThat(bob.request(Frame.newBuilder().setListGroups(ListGroupsRequest.getDefaultInstance()))
                    .getGroupList().getGroupsList()).isEmpty();

            GroupInfo seenByBob = get(bob, g.getGroupId()).getGroupInfo();
            assertThat(seenByBob.getName()).isEqualTo(g.getName());
            assertThat(seenByBob.getMyRole()).isEqualTo(GroupRole.GROUP_ROLE_UNSPECIFIED);
            assertThat(seenByBob.getOwnerId()).isZero();
            assertThat(seenByBob.getOnlineCount()).isZero();
            assertThat(seenByBob.getMemberCount()).isEqualTo(1);

            GroupInfo secret = create(alice, "secret", JoinPolicy.INVITE_ONLY);
            assertThat(error(get(bob, secret.getGroupId()))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(get(bob, 12345))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(get(alice, secret.getGroupId()).getGroupInfo().getMyRole()).isEqualTo(GroupRole.OWNER);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void names_announcements_and_invitees_are_checked_before_anything_is_created(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice")) {
            for (String bad : new String[] {"", "   ", "x".repeat(41), "bad\u0007name"}) {
                Frame f = alice.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder().setName(bad)));
                assertThat(error(f)).as("name '%s'", bad).isEqualTo(ErrorCode.BAD_REQUEST);
            }
            assertThat(create(alice, "群".repeat(40), JoinPolicy.OPEN).getName()).hasSize(40);
            Frame longAnnouncement = alice.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("ok").setAnnouncement("a".repeat(501))));
            assertThat(error(longAnnouncement)).isEqualTo(ErrorCode.BAD_REQUEST);
            Frame unknownInvitee = alice.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("ghosts").addInviteUserIds(999_999)));
            assertThat(error(unknownInvitee)).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(alice.request(Frame.newBuilder().setListGroups(ListGroupsRequest.getDefaultInstance()))
                    .getGroupList().getGroupsList()).extracting(GroupInfo::getName).containsExactly("群".repeat(40));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_invitee_accepts_or_declines_and_every_member_hears_of_the_join(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol");
             RawClient dave = RawClient.registered(server, "dave")) {
            long bobId = id(bob);
            GroupInfo g = create(alice, "family", JoinPolicy.INVITE_ONLY, bobId, id(carol));
            long gid = g.getGroupId();
            GroupNotice invited = awaitNotice(bob, gid, GroupNoticeKind.INVITED);
            assertThat(invited.getActorId()).isEqualTo(id(alice));
            assertThat(invited.getGroupName()).isEqualTo("family");
            awaitNotice(carol, gid, GroupNoticeKind.INVITED);

            // an invitee may see the private group they are invited to, but not its members' business
            assertThat(get(bob, gid).getGroupInfo().getName()).isEqualTo("family");
            assertThat(error(get(dave, gid))).isEqualTo(ErrorCode.NOT_FOUND);

            GroupInfo joined = accept(bob, gid).getGroupInfo();
            assertThat(joined.getMyRole()).isEqualTo(GroupRole.MEMBER);
            assertThat(joined.getMemberCount()).isEqualTo(2);
            assertThat(awaitNotice(alice, gid, GroupNoticeKind.MEMBER_JOINED).getSubjectId()).isEqualTo(bobId);
            assertThat(awaitNotice(bob, gid, GroupNoticeKind.MEMBER_JOINED).getSubjectId()).isEqualTo(bobId);

            assertThat(carol.request(Frame.newBuilder().setAnswerGroupInvitation(AnswerGroupInvitation.newBuilder()
                    .setGroupId(gid).setAccept(false))).hasOk()).isTrue();
            assertThat(error(accept(carol, gid))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(get(carol, gid))).isEqualTo(ErrorCode.NOT_FOUND);

            assertThat(error(invite(alice, gid, bobId))).isEqualTo(ErrorCode.CONFLICT);
            assertThat(error(invite(alice, gid, id(alice)))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(invite(alice, gid, 424242))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error(invite(dave, gid, id(carol)))).isEqualTo(ErrorCode.NOT_FOUND); // private: dave cannot know it
            // any member may invite; inviting twice is one invitation
            assertThat(invite(bob, gid, id(dave)).hasOk()).isTrue();
            assertThat(invite(alice, gid, id(dave)).hasOk()).isTrue();
            awaitNotice(dave, gid, GroupNoticeKind.INVITED);
            assertThat(drain(dave)).isEmpty();
            // joining a private group one is invited to accepts the invitation
            assertThat(join(dave, gid, "").getGroupInfo().getMyRole()).isEqualTo(GroupRole.MEMBER);
            assertThat(get(alice, gid).getGroupInfo().getMemberCount()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_join_request_goes_to_the_admins_who_approve_or_reject_it(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol");
             RawClient dave = RawClient.registered(server, "dave")) {
            GroupInfo g = groupOf(alice, "chess", JoinPolicy.APPROVAL, carol);
            long gid = g.getGroupId();
            drain(alice);
            drain(carol);

            GroupInfo pending = join(bob, gid, "I play the Sicilian").getGroupInfo();
            assertThat(pending.getMyRole()).isEqualTo(GroupRole.GROUP_ROLE_UNSPECIFIED);
            GroupNotice asked = awaitNotice(alice, gid, GroupNoticeKind.JOIN_REQUESTED);
            assertThat(asked.getSubjectId()).isEqualTo(id(bob));
            assertThat(asked.getText()).isEqualTo("I play the Sicilian");
            assertThat(drain(carol)).as("only admins hear of requests").isEmpty();
            assertThat(error(join(bob, gid, "again"))).isEqualTo(ErrorCode.CONFLICT);
            assertThat(error(join(bob, gid, "x".repeat(201)))).isEqualTo(ErrorCode.BAD_REQUEST);

            Frame byMember = carol.request(Frame.newBuilder().setAnswerJoinRequest(AnswerJoinRequest.newBuilder()
                    .setGroupId(gid).setUserId(id(bob)).setApprove(true)));
            assertThat(error(byMember)).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(alice.request(Frame.newBuilder().setAnswerJoinRequest(AnswerJoinRequest.newBuilder()
                    .setGroupId(gid).setUserId(id(bob)).setApprove(true))).hasOk()).isTrue();
            assertThat(awaitNotice(carol, gid, GroupNoticeKind.MEMBER_JOINED).getActorId()).isEqualTo(id(alice));
            assertThat(awaitNotice(bob, gid, GroupNoticeKind.MEMBER_JOINED).getSubjectId()).isEqualTo(id(bob));
            assertThat(error(join(bob, gid, ""))).isEqualTo(ErrorCode.CONFLICT);

            join(dave, gid, "");
            assertThat(alice.request(Frame.newBuilder().setAnswerJoinRequest(AnswerJoinRequest.newBuilder()
                    .setGroupId(gid).setUserId(id(dave)).setApprove(false))).hasOk()).isTrue();
            assertThat(awaitNotice(dave, gid, GroupNoticeKind.JOIN_REJECTED).getActorId()).isEqualTo(id(alice));
            assertThat(get(dave, gid).getGroupInfo().getMemberCount()).isEqualTo(3);
            assertThat(error(alice.request(Frame.newBuilder().setAnswerJoinRequest(AnswerJoinRequest.newBuilder()
                    .setGroupId(gid).setUserId(id(dave)).setApprove(true))))).isEqualTo(ErrorCode.NOT_FOUND);

            GroupInfo open = create(alice, "open house", JoinPolicy.OPEN);
            GroupInfo direct = join(dave, open.getGroupId(), "").getGroupInfo();
            assertThat(direct.getMyRole()).isEqualTo(GroupRole.MEMBER);
            assertThat(direct.getMemberCount()).isEqualTo(2);
            GroupInfo secret = create(alice, "secret", JoinPolicy.INVITE_ONLY);
            assertThat(error(join(dave, secret.getGroupId(), ""))).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void admins_update_settings_and_members_are_told(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            GroupInfo g = groupOf(alice, "old name", JoinPolicy.INVITE_ONLY, bob);
            long gid = g.getGroupId();
            drain(bob);
            Frame byMember = bob.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder().setGroupId(gid).setName("mine")));
            assertThat(error(byMember)).isEqualTo(ErrorCode.FORBIDDEN);
            GroupInfo updated = alice.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder().setGroupId(gid)
                    .setName("新名字").setJoinPolicy(JoinPolicy.OPEN).setPrivateChatAllowed(false))).getGroupInfo();
            assertThat(updated.getName()).isEqualTo("新名字");
            assertThat(updated.getJoinPolicy()).isEqualTo(JoinPolicy.OPEN);
            assertThat(updated.getPrivateChatAllowed()).isFalse();
            GroupNotice n = awaitNotice(bob, gid, GroupNoticeKind.GROUP_UPDATED);
            assertThat(n.getGroupName()).isEqualTo("新名字");
            assertThat(error(alice.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder().setGroupId(gid)
                    .setName(""))))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(alice.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder().setGroupId(gid)
                    .setJoinPolicy(JoinPolicy.JOIN_POLICY_UNSPECIFIED))))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(get(bob, gid).getGroupInfo().getName()).isEqualTo("新名字");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_full_group_refuses_joins_and_invitations(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).set(GroupSettings.MAX_MEMBERS, 2).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            GroupInfo g = create(alice, "pair", JoinPolicy.OPEN, id(carol));
            assertThat(join(bob, g.getGroupId(), "").hasGroupInfo()).isTrue();
            assertThat(error(accept(carol, g.getGroupId()))).isEqualTo(ErrorCode.CONFLICT);
            assertThat(error(invite(alice, g.getGroupId(), id(carol)))).isEqualTo(ErrorCode.CONFLICT);
            assertThat(get(alice, g.getGroupId()).getGroupInfo().getMemberCount()).isEqualTo(2);
            // the failed accept changed nothing: the invitation is still there once there is room
            alice.request(Frame.newBuilder().setRemoveMember(im.magpie.protocol.proto.RemoveMemberRequest.newBuilder()
                    .setGroupId(g.getGroupId()).setUserId(id(bob))));
            assertThat(accept(carol, g.getGroupId()).getGroupInfo().getMemberCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void dissolving_tells_every_member_and_the_group_is_gone(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            GroupInfo g = groupOf(alice, "short-lived", JoinPolicy.APPROVAL, bob);
            long gid = g.getGroupId();
            assertThat(error(bob.request(Frame.newBuilder().setDissolveGroup(DissolveGroupRequest.newBuilder().setGroupId(gid)))))
                    .isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(alice.request(Frame.newBuilder().setDissolveGroup(DissolveGroupRequest.newBuilder().setGroupId(gid))).hasOk()).isTrue();
            assertThat(awaitNotice(bob, gid, GroupNoticeKind.GROUP_DISSOLVED).getActorId()).isEqualTo(id(alice));
            awaitNotice(alice, gid, GroupNoticeKind.GROUP_DISSOLVED);
            assertThat(error(get(alice, gid))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(bob.request(Frame.newBuilder().setListGroups(ListGroupsRequest.getDefaultInstance())).getGroupList()
                    .getGroupsList()).isEmpty();
        }
    }
}
