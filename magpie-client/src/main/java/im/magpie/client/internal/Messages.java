package im.magpie.client.internal;

import im.magpie.client.Messenger;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.HistoryRequest;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.RecallRequest;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.ReceiptRequest;
import im.magpie.protocol.proto.SendAck;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.SyncPage;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.TypingRequest;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Messaging requests on a logged-in {@link MagpieClient}: send, sync, receipts, recall, history,
 * typing. Stateless and thread-safe; each call is one request. It keeps nothing: an application
 * that must not lose a message across restarts uses {@link Messenger} (outbox, local history), which
 * sends the same way.
 *
 * <p>Delivery rules (docs/protocol.md, "Messaging"): a send is acknowledged only after the server
 * committed it; retrying with the same client message id returns the same {@link SendAck} and
 * stores nothing twice, so retry freely after a timeout or a lost connection.
 */
public final class Messages {
    /** Most events in one sync page (the server's bound). */
    public static final int SYNC_PAGE_MAX = 500;
    /** Most messages in one history page (the server's bound). */
    public static final int HISTORY_PAGE_MAX = 200;

    private final MagpieClient client;

    public Messages(MagpieClient client) {
        this.client = client;
    }

    /** A fresh client message id (a random UUID). Keep it to retry the same send. */
    public static String newClientMsgId() {
        return UUID.randomUUID().toString();
    }

    public static Peer user(long userId) {
        return Peer.newBuilder().setUserId(userId).build();
    }

    public static Peer group(long groupId) {
        return Peer.newBuilder().setGroupId(groupId).build();
    }

    /** Sends a text with a fresh client id. */
    public CompletableFuture<SendAck> sendText(Peer to, String text) {
        return sendText(to, newClientMsgId(), text);
    }

    /** Sends a text; with the same {@code clientMsgId} again it is a retry (same ack, stored once). */
    public CompletableFuture<SendAck> sendText(Peer to, String clientMsgId, String text) {
        return send(SendMessageRequest.newBuilder().setClientMsgId(clientMsgId).setTo(to)
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText(text))).build());
    }

    /** Sends any request (replies, mentions, a private word through a group: see the proto). */
    public CompletableFuture<SendAck> send(SendMessageRequest request) {
        return client.request(Frame.newBuilder().setSendMessage(request), Frame.BodyCase.SEND_ACK)
                .thenApply(Frame::getSendAck);
    }

    /** Inbox events after {@code afterSeq} (oldest first), at most {@code limit} (1..500). */
    public CompletableFuture<SyncPage> sync(long afterSeq, int limit) {
        return client.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(afterSeq).setLimit(limit)),
                Frame.BodyCase.SYNC_PAGE).thenApply(Frame::getSyncPage);
    }

    /** "Everything in this conversation up to and including this message is delivered/read." */
    public CompletableFuture<Void> receipt(Peer conversation, ReceiptKind kind, long upToMessageId) {
        return client.request(Frame.newBuilder().setReceipt(ReceiptRequest.newBuilder()
                        .setPeer(conversation).setKind(kind).setUpToMessageId(upToMessageId)), Frame.BodyCase.OK)
                .thenApply(f -> null);
    }

    /** Withdraws one's own message within the recall window (2 minutes by default). */
    public CompletableFuture<Void> recall(long messageId) {
        return client.request(Frame.newBuilder().setRecall(RecallRequest.newBuilder().setMessageId(messageId)), Frame.BodyCase.OK)
                .thenApply(f -> null);
    }

    /** A page of the conversation kept by the server, newest first; {@code beforeMessageId} 0 = the newest. */
    public CompletableFuture<HistoryPage> history(Peer conversation, long beforeMessageId, int limit) {
        return client.request(Frame.newBuilder().setHistory(HistoryRequest.newBuilder()
                        .setPeer(conversation).setBeforeMessageId(beforeMessageId).setLimit(limit)), Frame.BodyCase.HISTORY_PAGE)
                .thenApply(Frame::getHistoryPage);
    }

    /** Tells a friend's online devices that this user is typing (never stored). */
    public CompletableFuture<Void> typing(long friendId) {
        return client.request(Frame.newBuilder().setTyping(TypingRequest.newBuilder().setToUserId(friendId)), Frame.BodyCase.OK)
                .thenApply(f -> null);
    }
}
