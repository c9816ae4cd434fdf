package im.magpie.client.internal.session;

import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.client.internal.HistoryMappers;
import im.magpie.client.internal.Wire;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.LoginOk;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * History backfill: a page of a conversation from the local store, topped up from the server's
 * history when the store has fewer older messages than asked for (a new device, a long absence).
 * Fetched messages are stored (idempotently) and marked read: old pages are history, not news.
 * Confined to the session thread.
 */
final class HistoryBackfill implements SessionPart {
    /** Messages per server history request (the protocol allows 1..200). */
    static final int PAGE_MAX = 200;

    private final Scheduler scheduler;
    private final HistoryStore store;
    private final LongSupplier selfUserId;
    private Link link;

    HistoryBackfill(Scheduler scheduler, HistoryStore store, LongSupplier selfUserId) {
        this.scheduler = scheduler;
        this.store = store;
        this.selfUserId = selfUserId;
    }

    @Override
    public void online(Link link, LoginOk ok) {
        this.link = link;
    }

    @Override
    public void offline() {
        link = null;
    }

    /**
     * Up to {@code limit} messages of {@code peer} older than {@code beforeLocalId} (0: the newest),
     * newest first; asks the server for more if the store runs short and the session is online.
     * When offline it answers what the store has.
     */
    CompletableFuture<MessagePage> page(PeerRef peer, long beforeLocalId, int limit) {
        MessagePage local = read(peer, beforeLocalId, limit);
        Link l = link;
        if (local.messages().size() >= limit || l == null) {
            return CompletableFuture.completedFuture(local);
        }
        long before = oldestServerId(local.messages(), peer, beforeLocalId);
        if (before < 0) {
            return CompletableFuture.completedFuture(local);
        }
        CompletableFuture<MessagePage> done = new CompletableFuture<>();
        fetch(l, peer, before, limit - local.messages().size(), 0, done, beforeLocalId, limit);
        return done;
    }

    private void fetch(Link l, PeerRef peer, long before, int wanted, long newestFetched,
                       CompletableFuture<MessagePage> done, long beforeLocalId, int limit) {
        int n = Math.min(wanted, PAGE_MAX);
        l.history(Wire.peer(peer), before, n).whenComplete((page, failure) -> scheduler.execute(() -> {
            if (failure != null) {
                done.complete(read(peer, beforeLocalId, limit)); // what the store has; the caller may retry
                return;
            }
            try {
                long newest = Math.max(newestFetched, store(page));
                int left = wanted - page.getMessagesCount();
                if (left > 0 && page.getHasMore() && page.getMessagesCount() > 0 && link == l) {
                    long older = page.getMessages(page.getMessagesCount() - 1).getMessageId();
                    fetch(l, peer, older, left, newest, done, beforeLocalId, limit);
                    return;
                }
                if (newest > 0) {
                    store.markRead(peer, newest);
                }
                done.complete(read(peer, beforeLocalId, limit));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }));
    }

    private long store(HistoryPage page) {
        long newest = 0;
        for (ChatMessage m : page.getMessagesList()) {
            store.insertIncoming(HistoryMappers.toIncoming(m, selfUserId.getAsLong()));
            newest = Math.max(newest, m.getMessageId());
        }
        return newest;
    }

    private MessagePage read(PeerRef peer, long beforeLocalId, int limit) {
        return beforeLocalId > 0 ? store.messagesBefore(peer, beforeLocalId, limit) : store.latestMessages(peer, limit);
    }

    /**
     * The server id to page from: the oldest acknowledged message of the local page, or of the
     * message the page starts before; 0 (the newest) when the store has none; -1 when only unsent
     * local messages are there (nothing to page from).
     */
    private long oldestServerId(List<MessageRecord> newestFirst, PeerRef peer, long beforeLocalId) {
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            if (newestFirst.get(i).messageId() > 0) {
                return newestFirst.get(i).messageId();
            }
        }
        if (beforeLocalId > 0) {
            return store.message(beforeLocalId).map(MessageRecord::messageId).filter(id -> id > 0).orElse(-1L);
        }
        return newestFirst.isEmpty() ? 0 : -1;
    }
}
