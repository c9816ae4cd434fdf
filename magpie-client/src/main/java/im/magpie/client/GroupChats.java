package im.magpie.client;

import com.google.protobuf.ByteString;
import im.magpie.client.history.GroupRecord;
import im.magpie.client.history.PendingInvitation;
import im.magpie.client.history.PendingJoinRequest;
import im.magpie.client.internal.Groups;
import im.magpie.client.internal.Messages;
import im.magpie.client.internal.Online;
import im.magpie.client.internal.Records;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.SendAck;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.UpdateGroupRequest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Groups through a {@link Messenger} ({@link Messenger#groupChats()}): creating, joining,
 * inviting, answering, managing. Requests fail with {@link MagpieConnectionException} when not
 * online and {@link MagpieClientException} when refused; the group cache
 * ({@link Messenger#groups()}) is updated before a future completes. {@link #invitations()} and
 * {@link #joinRequests()} read the local cache (filled from the inbox) and work offline.
 * Thread-safe; futures complete on a library thread.
 */
public final class GroupChats {
    private final Online session;

    GroupChats(Online session) {
        this.session = session;
    }

    /** Asks the server for this account's groups and replaces the cache with them. */
    public CompletableFuture<List<GroupDetails>> refresh() {
        return session.client().thenCompose(c -> c.groups().list()).thenApply(list -> {
            session.store().groups().replaceMemberGroups(list.stream().map(im.magpie.client.internal.HistoryMappers::toGroup).toList());
            return list.stream().map(g -> Records.group(g, session.names())).toList();
        });
    }

    /** A group's details (a non-member sees only public facts, and nothing of a private group). */
    public CompletableFuture<GroupDetails> get(long groupId) {
        return session.client().thenCompose(c -> c.groups().get(groupId)).thenApply(this::cached);
    }

    public CompletableFuture<GroupMembers> members(long groupId) {
        return session.client().thenCompose(c -> c.groups().members(groupId)).thenApply(this::learnt);
    }

    /**
     * Starts ({@code true}) or stops watching a group's members: while watching,
     * {@link MessengerEvent.MemberPresenceChanged} reports their presence. Answers the current list
     * (empty when stopping).
     */
    public CompletableFuture<GroupMembers> watchMembers(long groupId, boolean watch) {
        if (!watch) {
            return session.client().thenCompose(c -> c.groups().unwatchMembers(groupId))
                    .thenApply(v -> new GroupMembers(session.names().group(groupId), List.of(), 0));
        }
        return session.client().thenCompose(c -> c.groups().watchMembers(groupId)).thenApply(this::learnt);
    }

    private GroupMembers learnt(im.magpie.protocol.proto.MemberList list) {
        session.names().learn(list.getMembersList().stream().map(m -> Records.person(m.getProfile())).toList());
        return Records.members(list, session.names());
    }

    /** Creates a group with this account as owner; {@code invite} get invitations. */
    public CompletableFuture<GroupDetails> create(String name, String announcement, JoinPolicy policy,
                                                  boolean privateChatAllowed, List<Long> invite) {
        Objects.requireNonNull(policy, "policy");
        return session.client().thenCompose(c -> c.groups().create(name, announcement, Records.wire(policy),
                privateChatAllowed, List.copyOf(invite))).thenApply(this::cached);
    }

    public CompletableFuture<Void> invite(long groupId, long userId) {
        return session.client().thenCompose(c -> c.groups().invite(groupId, userId));
    }

    /** Accepts or declines an invitation; it leaves {@link #invitations()} either way. */
    public CompletableFuture<Void> answerInvitation(long groupId, boolean accept) {
        CompletableFuture<Void> answered = accept
                ? session.client().thenCompose(c -> c.groups().acceptInvitation(groupId)).thenAccept(this::cached)
                : session.client().thenCompose(c -> c.groups().declineInvitation(groupId));
        return answered.thenRun(() -> session.store().people().removeInvitation(groupId));
    }

    /** Invitations this account has not answered, oldest first (local; works offline). */
    public List<GroupInvitation> invitations() {
        return session.store().people().invitations().stream().map(this::invitation).toList();
    }

    private GroupInvitation invitation(PendingInvitation i) {
        return new GroupInvitation(session.names().group(i.groupId()), session.names().user(i.invitedBy()), i.timeMs());
    }

    /** Join requests to groups this account administers, not answered yet (local; works offline). */
    public List<JoinRequest> joinRequests() {
        return session.store().people().joinRequests().stream().map(this::joinRequest).toList();
    }

    private JoinRequest joinRequest(PendingJoinRequest r) {
        return new JoinRequest(session.names().group(r.groupId()), session.names().user(r.userId()), r.note(), r.timeMs());
    }

    /**
     * Joins an OPEN group at once, or asks to join an APPROVAL group (the answer then arrives as a
     * {@link MessengerEvent.GroupNotice}: MEMBER_JOINED or JOIN_REJECTED).
     */
    public CompletableFuture<GroupDetails> join(long groupId, String note) {
        return session.client().thenCompose(c -> c.groups().join(groupId, note)).thenApply(this::cached);
    }

    /**
     * A private word to a fellow member who is not a friend, through this group (refused FORBIDDEN
     * when the group turned private chat off). Not queued in the outbox: it needs the session
     * online. Completes with the message's server id.
     */
    public CompletableFuture<Long> privateWord(long groupId, long userId, String text) {
        SendMessageRequest request = SendMessageRequest.newBuilder().setClientMsgId(Messages.newClientMsgId())
                .setTo(Messages.user(userId)).setViaGroupId(groupId)
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText(text))).build();
        return session.client().thenCompose(c -> c.messages().send(request)).thenApply(SendAck::getMessageId);
    }

    /** Approves or rejects a join request; it leaves {@link #joinRequests()} either way. */
    public CompletableFuture<Void> answerJoinRequest(long groupId, long userId, boolean approve) {
        return session.client().thenCompose(c -> c.groups().answerJoinRequest(groupId, userId, approve))
                .thenRun(() -> session.store().people().removeJoinRequest(groupId, userId));
    }

    /** Leaves a group (an owner must transfer ownership or dissolve it first). */
    public CompletableFuture<Void> leave(long groupId) {
        return session.client().thenCompose(c -> c.groups().leave(groupId)).thenRun(() -> forget(groupId));
    }

    public CompletableFuture<Void> removeMember(long groupId, long userId) {
        return session.client().thenCompose(c -> c.groups().remove(groupId, userId));
    }

    public CompletableFuture<Void> setAdmin(long groupId, long userId, boolean admin) {
        return session.client().thenCompose(c -> c.groups().setAdmin(groupId, userId, admin));
    }

    public CompletableFuture<Void> transferOwnership(long groupId, long userId) {
        return session.client().thenCompose(c -> c.groups().transferOwnership(groupId, userId))
                .thenCompose(v -> refresh()).thenApply(list -> null);
    }

    public CompletableFuture<Void> dissolve(long groupId) {
        return session.client().thenCompose(c -> c.groups().dissolve(groupId)).thenRun(() -> forget(groupId));
    }

    public CompletableFuture<GroupDetails> update(long groupId, GroupUpdate update) {
        UpdateGroupRequest.Builder req = UpdateGroupRequest.newBuilder().setGroupId(groupId);
        update.name().ifPresent(req::setName);
        update.announcement().ifPresent(req::setAnnouncement);
        update.joinPolicy().ifPresent(p -> req.setJoinPolicy(Records.wire(p)));
        update.privateChatAllowed().ifPresent(req::setPrivateChatAllowed);
        update.avatar().ifPresent(a -> req.setAvatar(ByteString.copyFrom(a)));
        return session.client().thenCompose(c -> c.groups().update(req.build())).thenApply(this::cached);
    }

    private GroupDetails cached(GroupInfo g) {
        GroupDetails details = Records.group(g, session.names());
        if (g.getMyRole() != im.magpie.protocol.proto.GroupRole.GROUP_ROLE_UNSPECIFIED) {
            session.store().groups().upsert(im.magpie.client.internal.HistoryMappers.toGroup(g));
        } else {
            session.names().learnGroup(g.getGroupId(), g.getName());
        }
        return details;
    }

    private void forget(long groupId) {
        session.store().groups().group(groupId).ifPresent(g -> session.store().groups().upsert(
                new GroupRecord(groupId, g.name(), g.memberCount(), im.magpie.client.history.MemberRole.NONE)));
        session.store().people().removeJoinRequests(groupId);
    }
}
