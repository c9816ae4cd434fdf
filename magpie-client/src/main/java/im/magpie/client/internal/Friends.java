package im.magpie.client.internal;

import im.magpie.client.MagpieClientException;
import im.magpie.client.Social;
import im.magpie.protocol.proto.AnswerFriendRequest;
import im.magpie.protocol.proto.BlockUserRequest;
import im.magpie.protocol.proto.CancelFriendRequest;
import im.magpie.protocol.proto.Category;
import im.magpie.protocol.proto.CreateCategoryRequest;
import im.magpie.protocol.proto.DeleteCategoryRequest;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.FriendRequestList;
import im.magpie.protocol.proto.ListFriendRequestsRequest;
import im.magpie.protocol.proto.ListFriendsRequest;
import im.magpie.protocol.proto.MoveFriendRequest;
import im.magpie.protocol.proto.RemoveFriendRequest;
import im.magpie.protocol.proto.RenameCategoryRequest;
import im.magpie.protocol.proto.SendFriendRequest;
import im.magpie.protocol.proto.SetRemarkRequest;
import im.magpie.protocol.proto.UnblockUserRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Friends, friend requests, blocks, categories and remarks (docs/protocol.md, "Social"). Get it
 * from {@link MagpieClient#friends()}. Every call is one request; failures complete the future
 * with {@link MagpieClientException} (e.g. {@code NOT_FOUND}, {@code CONFLICT}). Live changes
 * arrive as pushes ({@code EventPush} with {@code friend_request} or {@code friend_removed},
 * {@code PresenceChanged}, {@code FriendListChanged}) through {@link ClientListener}. Thread-safe.
 */
public final class Friends {
    private final MagpieClient client;

    Friends(MagpieClient client) {
        this.client = client;
    }

    /** Asks {@code username} to be friends; the answer is the request as stored (ACCEPTED if they had asked too). */
    public CompletableFuture<FriendRequest> request(String username, String note) {
        return sendRequest(SendFriendRequest.newBuilder().setUsername(username).setNote(note == null ? "" : note));
    }

    public CompletableFuture<FriendRequest> request(long userId, String note) {
        return sendRequest(SendFriendRequest.newBuilder().setUserId(userId).setNote(note == null ? "" : note));
    }

    private CompletableFuture<FriendRequest> sendRequest(SendFriendRequest.Builder req) {
        return client.request(Frame.newBuilder().setSendFriendRequest(req), Frame.BodyCase.FRIEND_REQUEST)
                .thenApply(Frame::getFriendRequest);
    }

    /** Pending requests to and from this user. */
    public CompletableFuture<FriendRequestList> requests() {
        return client.request(Frame.newBuilder().setListFriendRequests(ListFriendRequestsRequest.getDefaultInstance()),
                Frame.BodyCase.FRIEND_REQUEST_LIST).thenApply(Frame::getFriendRequestList);
    }

    public CompletableFuture<FriendRequest> accept(long requestId) {
        return answer(requestId, true);
    }

    public CompletableFuture<FriendRequest> reject(long requestId) {
        return answer(requestId, false);
    }

    private CompletableFuture<FriendRequest> answer(long requestId, boolean accept) {
        return client.request(Frame.newBuilder().setAnswerFriendRequest(AnswerFriendRequest.newBuilder()
                        .setRequestId(requestId).setAccept(accept)), Frame.BodyCase.FRIEND_REQUEST)
                .thenApply(Frame::getFriendRequest);
    }

    /** Withdraws one's own pending request. */
    public CompletableFuture<FriendRequest> cancel(long requestId) {
        return client.request(Frame.newBuilder().setCancelFriendRequest(CancelFriendRequest.newBuilder().setRequestId(requestId)),
                Frame.BodyCase.FRIEND_REQUEST).thenApply(Frame::getFriendRequest);
    }

    /** The whole list: categories, friends with presence and remarks, blocked users. */
    public CompletableFuture<FriendList> list() {
        return client.request(Frame.newBuilder().setListFriends(ListFriendsRequest.getDefaultInstance()),
                Frame.BodyCase.FRIEND_LIST).thenApply(Frame::getFriendList);
    }

    public CompletableFuture<Void> remove(long userId) {
        return ok(Frame.newBuilder().setRemoveFriend(RemoveFriendRequest.newBuilder().setUserId(userId)));
    }

    public CompletableFuture<Void> block(long userId) {
        return ok(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(userId)));
    }

    public CompletableFuture<Void> unblock(long userId) {
        return ok(Frame.newBuilder().setUnblockUser(UnblockUserRequest.newBuilder().setUserId(userId)));
    }

    public CompletableFuture<Category> createCategory(String name) {
        return client.request(Frame.newBuilder().setCreateCategory(CreateCategoryRequest.newBuilder().setName(name)),
                Frame.BodyCase.CATEGORY).thenApply(Frame::getCategory);
    }

    public CompletableFuture<Category> renameCategory(long categoryId, String name) {
        return client.request(Frame.newBuilder().setRenameCategory(RenameCategoryRequest.newBuilder()
                .setCategoryId(categoryId).setName(name)), Frame.BodyCase.CATEGORY).thenApply(Frame::getCategory);
    }

    /** Deletes a category; its friends move to the default one. */
    public CompletableFuture<Void> deleteCategory(long categoryId) {
        return ok(Frame.newBuilder().setDeleteCategory(DeleteCategoryRequest.newBuilder().setCategoryId(categoryId)));
    }

    /** Moves a friend into a category (0 = the default "My Friends"). */
    public CompletableFuture<Void> move(long userId, long categoryId) {
        return ok(Frame.newBuilder().setMoveFriend(MoveFriendRequest.newBuilder().setUserId(userId).setCategoryId(categoryId)));
    }

    /** Sets one's private alias for a friend; "" clears it. */
    public CompletableFuture<Void> remark(long userId, String remark) {
        return ok(Frame.newBuilder().setSetRemark(SetRemarkRequest.newBuilder().setUserId(userId).setRemark(remark)));
    }

    private CompletableFuture<Void> ok(Frame.Builder body) {
        return client.request(body, Frame.BodyCase.OK).thenAccept(f -> { });
    }
}
