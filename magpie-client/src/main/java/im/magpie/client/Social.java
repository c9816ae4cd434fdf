package im.magpie.client;

import im.magpie.client.internal.Friends;
import im.magpie.client.internal.Online;
import im.magpie.client.internal.Records;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.FriendRequestList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Friends, friend requests, categories, blocks and profiles of other people, through a
 * {@link Messenger} ({@link Messenger#social()}). Every method is one request to the server: the
 * future fails with {@link MagpieConnectionException} when the messenger is not online and with
 * {@link MagpieClientException} when the server refuses (its message says why, in the session's
 * language). Changes are reflected in the local caches before the future completes. Thread-safe;
 * futures complete on a library thread.
 */
public final class Social {
    private final Online session;

    Social(Online session) {
        this.session = session;
    }

    /** Friend requests waiting for an answer, to and from this account. */
    public CompletableFuture<FriendRequests> friendRequests() {
        return session.client().thenCompose(c -> c.friends().requests()).thenApply(this::requests);
    }

    private FriendRequests requests(FriendRequestList list) {
        return new FriendRequests(list.getIncomingList().stream().map(this::record).toList(),
                list.getOutgoingList().stream().map(this::record).toList());
    }

    private FriendRequestRecord record(FriendRequest r) {
        session.names().learn(List.of(Records.person(r.getFrom()), Records.person(r.getTo())));
        return Records.friendRequest(r, session.selfUserId(), session.names());
    }

    /**
     * Asks {@code username} to be friends. The answer is the request as stored: ACCEPTED at once if
     * they had asked this account too (the friend list is then refreshed).
     */
    public CompletableFuture<FriendRequestRecord> sendFriendRequest(String username, String note) {
        Objects.requireNonNull(username, "username");
        return session.client().thenCompose(c -> c.friends().request(username, note)).thenCompose(this::afterAnswer);
    }

    public CompletableFuture<FriendRequestRecord> sendFriendRequest(long userId, String note) {
        return session.client().thenCompose(c -> c.friends().request(userId, note)).thenCompose(this::afterAnswer);
    }

    /** Accepts or rejects a request to this account; accepting refreshes the friend list. */
    public CompletableFuture<FriendRequestRecord> answerFriendRequest(long requestId, boolean accept) {
        return session.client().thenCompose(c -> accept ? c.friends().accept(requestId) : c.friends().reject(requestId))
                .thenCompose(this::afterAnswer);
    }

    /**
     * Accepts or rejects the pending request from {@code userId}; fails with
     * {@link java.util.NoSuchElementException} if there is none.
     */
    public CompletableFuture<FriendRequestRecord> answerFriendRequestFrom(long userId, boolean accept) {
        return friendRequests().thenCompose(all -> all.incoming().stream()
                .filter(r -> r.from().userId() == userId).findFirst()
                .map(r -> answerFriendRequest(r.requestId(), accept))
                .orElseGet(() -> CompletableFuture.failedFuture(new java.util.NoSuchElementException(
                        "no pending friend request from " + session.names().user(userId).displayName()))));
    }

    /** Withdraws a request this account sent. */
    public CompletableFuture<FriendRequestRecord> cancelFriendRequest(long requestId) {
        return session.client().thenCompose(c -> c.friends().cancel(requestId)).thenApply(this::record);
    }

    private CompletableFuture<FriendRequestRecord> afterAnswer(FriendRequest r) {
        FriendRequestRecord record = record(r);
        if (record.state() == FriendRequestRecord.State.ACCEPTED) {
            return session.refreshCaches().thenApply(v -> record);
        }
        return CompletableFuture.completedFuture(record);
    }

    /** Ends the friendship (both sides); the friend list is refreshed. */
    public CompletableFuture<Void> removeFriend(long userId) {
        return session.client().thenCompose(c -> c.friends().remove(userId)).thenCompose(v -> session.refreshCaches());
    }

    public CompletableFuture<Void> block(long userId) {
        return session.client().thenCompose(c -> c.friends().block(userId)).thenCompose(v -> session.refreshCaches());
    }

    public CompletableFuture<Void> unblock(long userId) {
        return session.client().thenCompose(c -> c.friends().unblock(userId)).thenCompose(v -> session.refreshCaches());
    }

    /** Sets this account's private alias for a friend ({@code ""} clears it). */
    public CompletableFuture<Void> setRemark(long userId, String remark) {
        return session.client().thenCompose(c -> c.friends().remark(userId, remark == null ? "" : remark))
                .thenCompose(v -> session.refreshCaches());
    }

    /** The friend categories, in their order. */
    public CompletableFuture<List<CategoryRecord>> categories() {
        return session.client().thenCompose(c -> c.friends().list())
                .thenApply(list -> list.getCategoriesList().stream().map(Records::category).toList());
    }

    /** The users this account blocked. */
    public CompletableFuture<List<UserRef>> blocked() {
        return session.client().thenCompose(c -> c.friends().list())
                .thenApply(list -> list.getBlockedUserIdsList().stream().map(session.names()::user).toList());
    }

    public CompletableFuture<CategoryRecord> createCategory(String name) {
        return session.client().thenCompose(c -> c.friends().createCategory(name)).thenApply(Records::category);
    }

    public CompletableFuture<CategoryRecord> renameCategory(long categoryId, String name) {
        return session.client().thenCompose(c -> c.friends().renameCategory(categoryId, name))
                .thenCompose(cat -> session.refreshCaches().thenApply(v -> Records.category(cat)));
    }

    /** Deletes a category; its friends move to the default one. */
    public CompletableFuture<Void> deleteCategory(long categoryId) {
        return session.client().thenCompose(c -> c.friends().deleteCategory(categoryId))
                .thenCompose(v -> session.refreshCaches());
    }

    public CompletableFuture<Void> moveFriend(long userId, long categoryId) {
        return session.client().thenCompose(c -> c.friends().move(userId, categoryId))
                .thenCompose(v -> session.refreshCaches());
    }

    /** Someone's public profile (presence only for friends). */
    public CompletableFuture<UserProfile> profile(String username) {
        return session.client().thenCompose(c -> c.profiles().get(username)).thenApply(this::learnt);
    }

    public CompletableFuture<UserProfile> profile(long userId) {
        return session.client().thenCompose(c -> c.profiles().get(userId)).thenApply(this::learnt);
    }

    /**
     * Searches users by username: a query of {@value #PREFIX_SEARCH_MIN_CHARS} or more characters
     * matches username prefixes, a shorter one only an exact username.
     */
    public CompletableFuture<List<UserProfile>> searchUsers(String query, int limit) {
        return session.client().thenCompose(c -> c.profiles().search(query, limit))
                .thenApply(list -> list.stream().map(this::learnt).toList());
    }

    /** Characters from which {@link #searchUsers} matches username prefixes (not only whole names). */
    public static final int PREFIX_SEARCH_MIN_CHARS = 3;

    private UserProfile learnt(im.magpie.protocol.proto.Profile p) {
        session.names().learn(List.of(Records.person(p)));
        return Records.profile(p);
    }
}
