package im.magpie.client.internal;

import im.magpie.client.MagpieClientException;
import im.magpie.protocol.proto.AnswerGroupInvitation;
import im.magpie.protocol.proto.AnswerJoinRequest;
import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.DissolveGroupRequest;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetGroupRequest;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.InviteToGroupRequest;
import im.magpie.protocol.proto.JoinGroupRequest;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.LeaveGroupRequest;
import im.magpie.protocol.proto.ListGroupsRequest;
import im.magpie.protocol.proto.ListMembersRequest;
import im.magpie.protocol.proto.MemberList;
import im.magpie.protocol.proto.RemoveMemberRequest;
import im.magpie.protocol.proto.SetAdminRequest;
import im.magpie.protocol.proto.TransferOwnershipRequest;
import im.magpie.protocol.proto.UpdateGroupRequest;
import im.magpie.protocol.proto.WatchMembersRequest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Groups (chat rooms): create, list, join, leave, manage members and roles. Every method sends one
 * request and completes with the answer, or exceptionally with {@link MagpieClientException}
 * (e.g. FORBIDDEN for a member doing an admin's work). Group notices (joins, removals, ...) arrive
 * as inbox events; {@code MemberPresence} pushes after {@link #watchMembers}. Thread-safe.
 * See docs/protocol.md, "Groups".
 */
public final class Groups {
    private final MagpieClient client;

    Groups(MagpieClient client) {
        this.client = Objects.requireNonNull(client);
    }

    /** Creates a group owned by the caller; {@code inviteUserIds} get invitations. */
    public CompletableFuture<GroupInfo> create(String name, String announcement, JoinPolicy policy,
                                               boolean privateChatAllowed, List<Long> inviteUserIds) {
        CreateGroupRequest.Builder req = CreateGroupRequest.newBuilder().setName(name)
                .setAnnouncement(announcement == null ? "" : announcement)
                .setJoinPolicy(policy == null ? JoinPolicy.JOIN_POLICY_UNSPECIFIED : policy)
                .setPrivateChatDisabled(!privateChatAllowed)
                .addAllInviteUserIds(inviteUserIds);
        return info(Frame.newBuilder().setCreateGroup(req));
    }

    /** The caller's groups. */
    public CompletableFuture<List<GroupInfo>> list() {
        return client.request(Frame.newBuilder().setListGroups(ListGroupsRequest.getDefaultInstance()), Frame.BodyCase.GROUP_LIST)
                .thenApply(f -> f.getGroupList().getGroupsList());
    }

    /** One group; a non-member sees only its public facts (and nothing of a private group: NOT_FOUND). */
    public CompletableFuture<GroupInfo> get(long groupId) {
        return info(Frame.newBuilder().setGetGroup(GetGroupRequest.newBuilder().setGroupId(groupId)));
    }

    /** Admins change the settings given (a builder with the group id and the fields to change). */
    public CompletableFuture<GroupInfo> update(UpdateGroupRequest request) {
        return info(Frame.newBuilder().setUpdateGroup(request));
    }

    public CompletableFuture<MemberList> members(long groupId) {
        return client.request(Frame.newBuilder().setListMembers(ListMembersRequest.newBuilder().setGroupId(groupId)),
                Frame.BodyCase.MEMBER_LIST).thenApply(Frame::getMemberList);
    }

    /** Starts member presence pushes for this group and answers the current list. */
    public CompletableFuture<MemberList> watchMembers(long groupId) {
        return client.request(Frame.newBuilder().setWatchMembers(WatchMembersRequest.newBuilder().setGroupId(groupId).setWatch(true)),
                Frame.BodyCase.MEMBER_LIST).thenApply(Frame::getMemberList);
    }

    public CompletableFuture<Void> unwatchMembers(long groupId) {
        return ok(Frame.newBuilder().setWatchMembers(WatchMembersRequest.newBuilder().setGroupId(groupId).setWatch(false)));
    }

    public CompletableFuture<Void> invite(long groupId, long userId) {
        return ok(Frame.newBuilder().setInviteToGroup(InviteToGroupRequest.newBuilder().setGroupId(groupId).setUserId(userId)));
    }

    /** Accepts (completes with the group) an invitation. */
    public CompletableFuture<GroupInfo> acceptInvitation(long groupId) {
        return info(Frame.newBuilder().setAnswerGroupInvitation(AnswerGroupInvitation.newBuilder().setGroupId(groupId).setAccept(true)));
    }

    public CompletableFuture<Void> declineInvitation(long groupId) {
        return ok(Frame.newBuilder().setAnswerGroupInvitation(AnswerGroupInvitation.newBuilder().setGroupId(groupId).setAccept(false)));
    }

    /**
     * Joins an open group (or one that invited the caller) at once, or asks the admins of an
     * APPROVAL group: then the answer has no {@code my_role} and a notice follows.
     */
    public CompletableFuture<GroupInfo> join(long groupId, String note) {
        return info(Frame.newBuilder().setJoinGroup(JoinGroupRequest.newBuilder().setGroupId(groupId).setNote(note == null ? "" : note)));
    }

    public CompletableFuture<Void> answerJoinRequest(long groupId, long userId, boolean approve) {
        return ok(Frame.newBuilder().setAnswerJoinRequest(AnswerJoinRequest.newBuilder().setGroupId(groupId).setUserId(userId).setApprove(approve)));
    }

    public CompletableFuture<Void> leave(long groupId) {
        return ok(Frame.newBuilder().setLeaveGroup(LeaveGroupRequest.newBuilder().setGroupId(groupId)));
    }

    public CompletableFuture<Void> remove(long groupId, long userId) {
        return ok(Frame.newBuilder().setRemoveMember(RemoveMemberRequest.newBuilder().setGroupId(groupId).setUserId(userId)));
    }

    public CompletableFuture<Void> setAdmin(long groupId, long userId, boolean admin) {
        return ok(Frame.newBuilder().setSetAdmin(SetAdminRequest.newBuilder().setGroupId(groupId).setUserId(userId).setAdmin(admin)));
    }

    public CompletableFuture<Void> transferOwnership(long groupId, long userId) {
        return ok(Frame.newBuilder().setTransferOwnership(TransferOwnershipRequest.newBuilder().setGroupId(groupId).setUserId(userId)));
    }

    public CompletableFuture<Void> dissolve(long groupId) {
        return ok(Frame.newBuilder().setDissolveGroup(DissolveGroupRequest.newBuilder().setGroupId(groupId)));
    }

    private CompletableFuture<GroupInfo> info(Frame.Builder request) {
        return client.request(request, Frame.BodyCase.GROUP_INFO).thenApply(Frame::getGroupInfo);
    }

    private CompletableFuture<Void> ok(Frame.Builder request) {
        return client.request(request, Frame.BodyCase.OK).thenAccept(f -> { });
    }
}
