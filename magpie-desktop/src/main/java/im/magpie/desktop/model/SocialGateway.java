package im.magpie.desktop.model;

import im.magpie.protocol.proto.FriendRequestState;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupMember;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.MemberList;
import im.magpie.protocol.proto.Profile;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Friends, friend requests, groups and profiles through the client library (the second half of
 * {@link MessengerGateway}). Every method is one request and needs the session online; futures
 * fail with the library's exception, which {@link Failures#of} explains.
 */
public final class SocialGateway {
    private final MessengerGateway gateway;

    SocialGateway(MessengerGateway gateway) {
        this.gateway = gateway;
    }

    public CompletableFuture<List<UserHit>> searchUsers(String query) {
        return gateway.call(c -> c.profiles().search(query, 20)).thenApply(list -> list.stream()
                .map(p -> new UserHit(p.getUserId(), p.getUsername(), p.getNickname(), p.getSignature())).toList());
    }

    public CompletableFuture<Void> requestFriend(long userId, String note) {
        return gateway.call(c -> c.friends().request(userId, note)).thenCompose(r ->
                r.getState() == FriendRequestState.ACCEPTED ? refreshFriends() : CompletableFuture.completedFuture(null));
    }

    /** Incoming friend requests still waiting for an answer. */
    public CompletableFuture<List<Notice>> pendingRequests() {
        return gateway.call(c -> c.friends().requests()).thenApply(list -> list.getIncomingList().stream()
                .filter(r -> r.getState() == FriendRequestState.PENDING)
                .map(r -> (Notice) new Notice.FriendRequest(r.getRequestId(), name(r.getFrom()), r.getNote()))
                .toList());
    }

    public CompletableFuture<Void> answerFriendRequest(long requestId, boolean accept) {
        return gateway.call(c -> accept ? c.friends().accept(requestId) : c.friends().reject(requestId))
                .thenCompose(r -> refreshFriends());
    }

    public CompletableFuture<Void> refreshFriends() {
        return gateway.messenger().refreshFriends().thenAccept(list -> { });
    }

    public CompletableFuture<Void> refreshGroups() {
        return gateway.messenger().refreshGroups().thenAccept(list -> { });
    }

    public CompletableFuture<Void> answerInvitation(long groupId, boolean accept) {
        CompletableFuture<?> answer = gateway.call(c -> accept
                ? c.groups().acceptInvitation(groupId).thenAccept(g -> { })
                : c.groups().declineInvitation(groupId));
        return answer.thenCompose(x -> refreshGroups());
    }

    /** Creates a group and invites the friends picked; completes once the group list holds it. */
    public CompletableFuture<GroupSummary> createGroup(String name, List<Long> invite) {
        return gateway.call(c -> c.groups().create(name, "", JoinPolicy.INVITE_ONLY, true, invite))
                .thenCompose(g -> refreshGroups().thenApply(x -> summary(g)));
    }

    public CompletableFuture<Void> invite(long groupId, long userId) {
        return gateway.call(c -> c.groups().invite(groupId, userId));
    }

    /** The members with presence; presence changes then arrive as {@link DesktopEvent.MemberPresence}. */
    public CompletableFuture<List<Member>> watchMembers(long groupId) {
        return gateway.call(c -> c.groups().watchMembers(groupId)).thenApply(this::members);
    }

    public CompletableFuture<Void> unwatchMembers(long groupId) {
        return gateway.call(c -> c.groups().unwatchMembers(groupId));
    }

    public CompletableFuture<SelfProfile> updateProfile(String nickname, String signature) {
        return gateway.call(c -> c.profiles().update(nickname, signature)).thenApply(this::self);
    }

    /** Uploads a PNG or JPEG (at most 256 KiB, 1024x1024). */
    public CompletableFuture<SelfProfile> setAvatar(byte[] image) {
        return gateway.call(c -> c.profiles().setAvatar(image)).thenApply(this::self);
    }

    /** The 128x128 PNG with this hash (it never changes: cache it by hash). */
    public CompletableFuture<byte[]> avatar(String hash) {
        return gateway.call(c -> c.profiles().avatar(hash)).thenApply(a -> a.getImage().toByteArray());
    }

    Profile profileBlocking(long userId) {
        try {
            return gateway.call(c -> c.profiles().get(userId)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("profile of " + userId + " not available", e);
        }
    }

    private SelfProfile self(Profile p) {
        SelfProfile me = new SelfProfile(p.getUserId(), p.getUsername(), p.getNickname(), p.getSignature(),
                p.getAvatarHash());
        gateway.self(me);
        return me;
    }

    private List<Member> members(MemberList list) {
        return list.getMembersList().stream().map(this::member).toList();
    }

    private Member member(GroupMember m) {
        Profile p = m.getProfile();
        String name = name(p);
        gateway.rememberName(p.getUserId(), name);
        Member.Role role = switch (m.getRole()) {
            case OWNER -> Member.Role.OWNER;
            case ADMIN -> Member.Role.ADMIN;
            default -> Member.Role.MEMBER;
        };
        PresenceState presence = p.getUserId() == gateway.selfId() ? PresenceState.ONLINE : Mapping.presence(p.getPresence());
        return new Member(p.getUserId(), p.getUsername(), name, p.getAvatarHash(), role, presence);
    }

    private static GroupSummary summary(GroupInfo g) {
        return new GroupSummary(g.getGroupId(), g.getName(), g.getMemberCount());
    }

    private static String name(Profile p) {
        return p.getNickname().isBlank() ? p.getUsername() : p.getNickname();
    }
}
