package im.magpie.server.message;

import im.magpie.protocol.Limits;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Recall;
import im.magpie.protocol.proto.Receipt;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.SendAck;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Typing;
import im.magpie.server.cluster.Router;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.inbox.Delivery;
import im.magpie.server.inbox.Inbox;
import im.magpie.server.inbox.StoredEvent;
import im.magpie.server.session.Connection;
import im.magpie.server.social.SocialGraph;
import im.magpie.server.store.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Messaging: send (validated here on the event loop, written by the {@link SendWriter}), receipts,
 * typing, recall, history, and filling in message contents for sync pages. Thread-safe.
 */
public final class MessageService {
    private final MessageStore store;
    private final SendWriter writer;
    private final Inbox inbox;
    private final SocialGraph graph;
    private final Router router;
    private final Clock clock;
    private final Supplier<GroupDirectory> groups;
    private final long recallWindowMs;
    private final int retentionDays;

    MessageService(MessageStore store, SendWriter writer, Inbox inbox, SocialGraph graph, Router router, Clock clock,
                   Supplier<GroupDirectory> groups, int recallWindowSeconds, int retentionDays) {
        this.store = store;
        this.writer = writer;
        this.inbox = inbox;
        this.graph = graph;
        this.router = router;
        this.clock = clock;
        this.groups = groups;
        this.recallWindowMs = recallWindowSeconds * 1000L;
        this.retentionDays = retentionDays;
    }

    // --- send -----------------------------------------------------------------------------------

    /**
     * Checks what can be checked without the database (on the event loop) and queues the send; the
     * future completes with the ack after commit, or with the reason it was refused.
     */
    public CompletableFuture<SendAck> send(long senderId, Connection origin, SendMessageRequest req) {
        String clientId = req.getClientMsgId();
        if (clientId.isEmpty() || clientId.length() > Limits.CLIENT_MSG_ID_MAX_CHARS || clientId.isBlank()) {
            throw MagpieException.badRequest("message.client_id.bad", Limits.CLIENT_MSG_ID_MAX_CHARS);
        }
        Conversation to = Conversation.of(req.getTo());
        if (to == null || to.peerId() == 0) throw MagpieException.badRequest("message.peer.missing");
        if (!to.isGroup() && to.peerId() == senderId) throw MagpieException.badRequest("message.peer.self");
        Content content = req.getContent();
        if (content.getKindCase() != Content.KindCase.TEXT) throw MagpieException.badRequest("message.content.missing");
        String text = content.getText().getText();
        if (text.isBlank()) throw MagpieException.badRequest("message.text.empty");
        int bytes = content.getText().getTextBytes().size();
        if (bytes > Limits.TEXT_MAX_BYTES) throw MagpieException.tooLarge("message.text.too_long", bytes, Limits.TEXT_MAX_BYTES);
        if (!to.isGroup() && content.getMentionAll()) throw MagpieException.badRequest("message.mention_all.not_group");
        long via = to.isGroup() ? 0 : req.getViaGroupId();
        PendingSend send = new PendingSend(senderId, origin, clientId, to, content, via);
        send.deliveredDirectly = !to.isGroup() && req.getDeliveredDirectly(); // groups have no direct channels
        return writer.submit(send);
    }

    // --- receipts -------------------------------------------------------------------------------

    /**
     * "Everything in this conversation up to this message is delivered/read." One-to-one: an event
     * to the sender of those messages (and, for READ, to the reader's own inbox so their other
     * devices clear the unread mark). Groups: only the reader's own inbox (no per-member receipts).
     */
    public void receipt(long readerId, Peer peer, ReceiptKind kind, long upToMessageId) {
        if (kind != ReceiptKind.DELIVERED && kind != ReceiptKind.READ) throw MagpieException.badRequest("message.receipt.bad_kind");
        Conversation conversation = Conversation.of(peer);
        if (conversation == null || conversation.peerId() == 0) throw MagpieException.badRequest("message.peer.missing");
        StoredMessage m = store.find(upToMessageId)
                .orElseThrow(() -> MagpieException.notFound("message.receipt.not_received"));
        List<Delivery> deliveries = new ArrayList<>(2);
        if (conversation.isGroup()) {
            boolean received = m.to().isGroup() && m.to().peerId() == conversation.peerId() && m.senderId() != readerId
                    && m.timeMs() >= groups.get().memberSinceMs(conversation.peerId(), readerId);
            if (!received) throw MagpieException.notFound("message.receipt.not_received");
        } else {
            long other = conversation.peerId();
            boolean received = !m.to().isGroup() && m.senderId() == other && m.to().peerId() == readerId;
            if (!received) throw MagpieException.notFound("message.receipt.not_received");
            deliveries.add(new Delivery(other, receiptEvent(readerId, Conversation.user(readerId), kind, upToMessageId)));
        }
        if (kind == ReceiptKind.READ) deliveries.add(new Delivery(readerId, receiptEvent(readerId, peer, kind, upToMessageId)));
        if (deliveries.isEmpty()) return;
        String key = conversation.key(readerId);
        // Only a receipt that moves the reader's mark is told: a repeated or older one is a no-op.
        // Two first receipts at once race to create the mark; the retry finds it.
        List<StoredEvent> stored = Sql.retryingRaces(2, () -> store.jdbi().inTransaction(tx ->
                store.advanceReceiptMark(tx, readerId, key, kind.getNumber(), upToMessageId)
                        ? inbox.append(tx, deliveries) : List.<StoredEvent>of()));
        inbox.publish(stored);
    }

    private static InboxEvent receiptEvent(long readerId, Peer peer, ReceiptKind kind, long upTo) {
        return InboxEvent.newBuilder().setReceipt(Receipt.newBuilder()
                .setReaderId(readerId).setPeer(peer).setKind(kind).setUpToMessageId(upTo)).build();
    }

    // --- typing ---------------------------------------------------------------------------------

    /** Tells the friend's online devices; never stored. */
    public void typing(long fromId, long toId) {
        if (toId == 0 || toId == fromId || !graph.areFriends(fromId, toId) || graph.eitherBlocks(fromId, toId)) {
            throw MagpieException.forbidden("message.typing.not_friends");
        }
        router.push(toId, Frame.newBuilder().setTypingPush(Typing.newBuilder().setFromUserId(fromId)).build());
    }

    // --- recall ---------------------------------------------------------------------------------

    /**
     * The sender withdraws a message within the recall window: the content is deleted and every
     * participant's inbox gets a Recall event. Recalling an already recalled message changes nothing.
     */
    public void recall(long userId, long messageId) {
        StoredMessage m = store.find(messageId).orElseThrow(() -> MagpieException.notFound("message.not_found"));
        if (m.senderId() != userId) {
            boolean participant = !m.to().isGroup() && m.to().peerId() == userId;
            throw participant || m.to().isGroup() ? MagpieException.forbidden("message.recall.not_yours")
                    : MagpieException.notFound("message.not_found");
        }
        if (m.recalled()) return;
        if (clock.millis() - m.timeMs() > recallWindowMs) {
            throw MagpieException.conflict("message.recall.too_late", recallWindowMs / 1000);
        }
        List<Delivery> deliveries = new ArrayList<>();
        if (m.to().isGroup()) {
            Peer group = m.to().toPeer();
            for (long member : groups.get().membersForPost(m.to().peerId(), userId)) {
                deliveries.add(new Delivery(member, recallEvent(messageId, group, userId)));
            }
        } else {
            deliveries.add(new Delivery(m.to().peerId(), recallEvent(messageId, Conversation.user(userId), userId)));
            deliveries.add(new Delivery(userId, recallEvent(messageId, m.to().toPeer(), userId)));
        }
        List<StoredEvent> stored = store.jdbi().inTransaction(tx -> store.recall(tx, messageId)
                ? inbox.append(tx, deliveries) : List.<StoredEvent>of());
        inbox.publish(stored);
    }

    private static InboxEvent recallEvent(long messageId, Peer peer, long by) {
        return InboxEvent.newBuilder().setRecall(Recall.newBuilder().setMessageId(messageId).setPeer(peer).setRecalledBy(by)).build();
    }

    // --- history --------------------------------------------------------------------------------

    /** A page of the conversation, newest first. One-to-one: only its two participants' messages. */
    public HistoryPage history(long userId, Peer peer, long beforeMessageId, int limit) {
        if (limit < 1 || limit > Limits.HISTORY_PAGE_MAX) throw MagpieException.badRequest("message.history.bad_limit", Limits.HISTORY_PAGE_MAX);
        Conversation conversation = Conversation.of(peer);
        if (conversation == null || conversation.peerId() == 0) throw MagpieException.badRequest("message.peer.missing");
        long since = conversation.isGroup() ? groups.get().memberSinceMs(conversation.peerId(), userId) : 0;
        List<StoredMessage> rows = store.page(conversation.key(userId), beforeMessageId, since, limit + 1);
        HistoryPage.Builder page = HistoryPage.newBuilder().setHasMore(rows.size() > limit);
        for (StoredMessage m : rows.subList(0, Math.min(limit, rows.size()))) page.addMessages(m.toProto(userId));
        return page.build();
    }

    // --- sync -----------------------------------------------------------------------------------

    /**
     * Fills in contents of the message events of a sync page (the inbox stores only envelopes):
     * recalled messages come back marked recalled, without content; purged ones without content.
     */
    public List<InboxEvent> hydrate(List<InboxEvent> events) {
        List<Long> ids = new ArrayList<>();
        for (InboxEvent e : events) if (e.hasMessage()) ids.add(e.getMessage().getMessageId());
        if (ids.isEmpty()) return events;
        Map<Long, StoredMessage> rows = store.findAll(ids);
        List<InboxEvent> out = new ArrayList<>(events.size());
        for (InboxEvent e : events) {
            if (!e.hasMessage()) {
                out.add(e);
                continue;
            }
            StoredMessage m = rows.get(e.getMessage().getMessageId());
            ChatMessage.Builder msg = e.getMessage().toBuilder();
            if (m != null && m.recalled()) msg.setRecalled(true).clearContent();
            else if (m != null && m.content() != null) msg.setContent(m.content());
            out.add(e.toBuilder().setMessage(msg).build());
        }
        return out;
    }

    // --- retention ------------------------------------------------------------------------------

    /** Deletes messages older than the retention setting (nothing when it is 0); returns how many. */
    public int purgeExpired() {
        if (retentionDays <= 0) return 0;
        long cutoff = clock.millis() - retentionDays * 86_400_000L;
        int total = 0;
        for (int n; (n = store.purgeOlderThan(cutoff, 1000)) > 0; ) total += n;
        return total;
    }
}
