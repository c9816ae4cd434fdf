package im.magpie.desktop.model;

import im.magpie.client.FriendRequestRecord;
import im.magpie.client.GroupDetails;
import im.magpie.client.GroupMember;
import im.magpie.client.JoinPolicy;
import im.magpie.client.Messenger;
import im.magpie.client.UserProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Friends, friend requests, groups and profiles through the client library's facets
 * ({@link Messenger#social()}, {@link Messenger#groupChats()}, {@link Messenger#account()}): the
 * second half of {@link MessengerGateway}. Requests need the session online; futures fail with the
 * library's exception, which {@link Failures#of} explains.
 */
public final class SocialGateway {
    private static final int SEARCH_LIMIT = 20;

    private final MessengerGateway gateway;

    SocialGateway(MessengerGateway gateway) {
        this.gateway = gateway;
    }

    private Messenger messenger() {
        return gateway.messenger();
    }

    public CompletableFuture<List<UserHit>> searchUsers(String query) {
        return messenger().social().searchUsers(query, SEARCH_LIMIT).thenApply(list -> list.stream()
                .map(p -> new UserHit(p.userId(), p.username(), p.nickname(), p.signature())).toList());
    }

    /** Asks to be friends; when the other side had asked too, the library's friend list already holds them. */
    public CompletableFuture<Void> requestFriend(long userId, String note) {
        return messenger().social().sendFriendRequest(userId, note).thenAccept(r -> { });
    }

    /**
     * What waits for this account's answer: incoming friend requests (asked of the server) and
     * group invitations (the library keeps them from the inbox, so they outlive a restart).
     */
    public CompletableFuture<List<Notice>> pendingRequests() {
        return messenger().social().friendRequests().thenApply(requests -> {
            List<Notice> notices = new ArrayList<>();
            requests.incoming().stream().filter(r -> r.state() == FriendRequestRecord.State.PENDING)
                    .map(Mapping::notice).forEach(notices::add);
            messenger().groupChats().invitations().stream().map(Mapping::notice).forEach(notices::add);
            return notices;
        });
    }

    /** Answers a friend request; an accepted friend reaches the list through the library's friend-list event. */
    public CompletableFuture<Void> answerFriendRequest(long requestId, boolean accept) {
        return messenger().social().answerFriendRequest(requestId, accept).thenAccept(r -> { });
    }

    /** Asks the server for the friend list; a change arrives as {@link DesktopEvent.FriendsChanged}. */
    public CompletableFuture<Void> refreshFriends() {
        return messenger().addressBook().refreshFriends().thenAccept(list -> { });
    }

    /** Asks the server for this account's groups (the library has no event for the group list). */
    public CompletableFuture<Void> refreshGroups() {
        return messenger().addressBook().refreshGroups().thenAccept(list -> { });
    }

    /** Accepts or declines an invitation; the library's group list holds an accepted group when this completes. */
    public CompletableFuture<Void> answerInvitation(long groupId, boolean accept) {
        return messenger().groupChats().answerInvitation(groupId, accept);
    }

    /** Creates a group and invites the friends picked; the library's group list holds it when this completes. */
    public CompletableFuture<GroupSummary> createGroup(String name, String announcement, List<Long> invite) {
        return messenger().groupChats().create(name, announcement, JoinPolicy.INVITE_ONLY, true, invite)
                .thenApply(SocialGateway::summary);
    }

    /** The group's announcement ("" for none). */
    public CompletableFuture<String> announcement(long groupId) {
        return messenger().groupChats().get(groupId).thenApply(GroupDetails::announcement);
    }

    public CompletableFuture<Void> invite(long groupId, long userId) {
        return messenger().groupChats().invite(groupId, userId);
    }

    /** The members with presence; presence changes then arrive as {@link DesktopEvent.MemberPresence}. */
    public CompletableFuture<List<Member>> watchMembers(long groupId) {
        return messenger().groupChats().watchMembers(groupId, true)
                .thenApply(list -> list.members().stream().map(this::member).toList());
    }

    public CompletableFuture<Void> unwatchMembers(long groupId) {
        return messenger().groupChats().watchMembers(groupId, false).thenAccept(list -> { });
    }

    public CompletableFuture<SelfProfile> updateProfile(String nickname, String signature) {
        return messenger().account().updateProfile(nickname, signature).thenApply(this::self);
    }

    /** Uploads a PNG or JPEG (at most 256 KiB, 1024x1024). */
    public CompletableFuture<SelfProfile> setAvatar(byte[] image) {
        return messenger().account().setAvatar(image).thenApply(this::self);
    }

    /** The 128x128 PNG with this hash (it never changes: cache it by hash). */
    public CompletableFuture<byte[]> avatar(String hash) {
        return messenger().account().avatar(hash);
    }

    private SelfProfile self(UserProfile p) {
        return gateway.self(Mapping.self(p));
    }

    private Member member(GroupMember m) {
        UserProfile p = m.profile();
        Member.Role role = switch (m.role()) {
            case OWNER -> Member.Role.OWNER;
            case ADMIN -> Member.Role.ADMIN;
            default -> Member.Role.MEMBER;
        };
        PresenceState presence = p.userId() == gateway.selfId() ? PresenceState.ONLINE : Mapping.presence(p.presence());
        return new Member(p.userId(), p.username(), p.ref().displayName(), p.avatarHash(), role, presence,
                p.nickname().isBlank() ? p.username() : p.nickname());
    }

    private static GroupSummary summary(GroupDetails g) {
        return new GroupSummary(g.groupId(), g.name(), g.memberCount());
    }
}
