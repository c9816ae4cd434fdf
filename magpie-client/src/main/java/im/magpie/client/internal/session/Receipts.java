package im.magpie.client.internal.session;

import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.client.internal.Wire;
import im.magpie.protocol.proto.ReceiptKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipts this account sends. DELIVERED goes out for new one-to-one messages when online (a lost
 * one is covered by the next sync's). READ is kept until the server has it: a mark made offline,
 * or lost on the way, goes out when the session is next online (the server ignores a mark it
 * already has). Confined to the session thread.
 */
final class Receipts implements SessionPart {
    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final Scheduler scheduler;
    /** READ marks the server does not have yet, highest message id per conversation. */
    private final Map<PeerRef, Long> unsentReads = new LinkedHashMap<>();
    /** Who waits for the server to have a conversation's READ mark. */
    private final Map<PeerRef, List<CompletableFuture<Void>>> waiting = new HashMap<>();
    private Link link;

    Receipts(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void online(Link link, im.magpie.protocol.proto.LoginOk ok) {
        this.link = link;
        sendUnsentReads();
    }

    @Override
    public void offline() {
        link = null;
    }

    /**
     * Everything of {@code peer} up to {@code upToMessageId} was read here. The future completes
     * when the server has the mark: now, or after a later login if offline.
     */
    CompletableFuture<Void> read(PeerRef peer, long upToMessageId) {
        if (upToMessageId <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> told = new CompletableFuture<>();
        waiting.computeIfAbsent(peer, p -> new ArrayList<>()).add(told);
        unsentReads.merge(peer, upToMessageId, Math::max);
        sendUnsentReads();
        return told;
    }

    /** New messages were stored: tell their senders they arrived. */
    void delivered(List<MessageRecord> added) {
        Link l = link;
        if (l == null) {
            return;
        }
        Map<PeerRef, Long> upTo = new LinkedHashMap<>();
        for (MessageRecord m : added) {
            if (!m.outgoing() && m.messageId() > 0 && m.peer().kind() == PeerKind.USER) {
                upTo.merge(m.peer(), m.messageId(), Math::max);
            }
        }
        upTo.forEach((peer, id) -> l.receipt(Wire.peer(peer), ReceiptKind.DELIVERED, id).exceptionally(e -> {
            log.debug("delivered receipt not sent: {}", e.toString());
            return null;
        }));
    }

    /** READ marks not yet sent (for tests and diagnostics). */
    Map<PeerRef, Long> unsentReads() {
        return Map.copyOf(unsentReads);
    }

    private void sendUnsentReads() {
        Link l = link;
        if (l == null || unsentReads.isEmpty()) {
            return;
        }
        Map<PeerRef, Long> sending = new LinkedHashMap<>(unsentReads);
        unsentReads.clear();
        sending.forEach((peer, upTo) -> l.receipt(Wire.peer(peer), ReceiptKind.READ, upTo)
                .whenComplete((ok, failure) -> scheduler.execute(() -> {
                    Throwable cause = failure == null ? null : ConnectionKeeper.unwrap(failure);
                    if (cause != null && !ConnectionKeeper.isRefusal(cause)) {
                        log.debug("read receipt not sent, kept for later: {}", cause.toString());
                        unsentReads.merge(peer, upTo, Math::max);
                        return;
                    }
                    List<CompletableFuture<Void>> told = waiting.remove(peer);
                    if (told != null && !unsentReads.containsKey(peer)) {
                        told.forEach(f -> f.complete(null));
                    } else if (told != null) {
                        waiting.put(peer, told); // a newer mark is pending: wait for that one
                    }
                })));
    }
}
