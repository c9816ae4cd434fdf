package im.magpie.client.internal.session;

import im.magpie.client.MagpieConnectionException;
import im.magpie.client.MessengerEvent;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.internal.HistoryMappers;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.LoginOk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbox sync: {@code SyncRequest(after = store.lastSeq())} pages until {@code has_more} is false;
 * each page is stored in one transaction with its new sequence and its notices (kept unseen until a
 * front end shows them, see {@link UnseenEvents}). A pushed event with exactly
 * {@code lastSeq + 1} is stored directly; any other newer one, or a heartbeat or login showing a
 * newer latest sequence (a gap), starts a sync. Events pushed during a sync make it run once more.
 * Confined to the session thread.
 */
final class InboxSync implements SessionPart {
    private static final Logger log = LoggerFactory.getLogger(InboxSync.class);

    /** Events per sync request (the protocol allows 1..500). */
    static final int PAGE_EVENTS = 200;

    /** Whether a sync runs, and whether it must run once more when it ends. */
    private enum Running { IDLE, RUNNING, RUNNING_AGAIN }

    /** What to do with stored events: deliver receipts, notices, outbox check. */
    interface Stored {
        void stored(List<InboxEvent> inbox, List<MessageRecord> added);

        void synced(long lastSeq);
    }

    private final Scheduler scheduler;
    private final HistoryStore store;
    private final LongSupplier selfUserId;
    private final Stored stored;
    private final Consumer<MessengerEvent> publish;
    private final List<CompletableFuture<Long>> syncWaiters = new ArrayList<>();
    private Link link;
    private Running running = Running.IDLE;

    InboxSync(Scheduler scheduler, HistoryStore store, LongSupplier selfUserId, Stored stored,
              Consumer<MessengerEvent> publish) {
        this.scheduler = scheduler;
        this.store = store;
        this.selfUserId = selfUserId;
        this.stored = stored;
        this.publish = publish;
    }

    @Override
    public void online(Link link, LoginOk ok) {
        this.link = link;
        running = Running.IDLE;
        request();
    }

    @Override
    public void offline() {
        link = null;
        running = Running.IDLE; // the next login syncs from the stored sequence again
    }

    /** A heartbeat told the newest sequence on the server. */
    void heartbeat(long latestSeq) {
        if (latestSeq > lastSeqOr(Long.MAX_VALUE)) {
            request();
        }
    }

    void pushed(InboxEvent event) {
        if (running != Running.IDLE) {
            running = Running.RUNNING_AGAIN;
            return;
        }
        long last = lastSeqOr(-1);
        if (last < 0 || event.getSeq() <= last) {
            return;
        }
        if (event.getSeq() == last + 1) {
            apply(List.of(event), event.getSeq());
        } else {
            request();
        }
    }

    /** Completes with the last stored sequence once a sync that starts now has ended. */
    CompletableFuture<Long> syncNow() {
        if (link == null) {
            return CompletableFuture.failedFuture(new MagpieConnectionException("not connected"));
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        syncWaiters.add(done);
        request();
        return done;
    }

    void request() {
        Link l = link;
        if (l == null) {
            return;
        }
        if (running != Running.IDLE) {
            running = Running.RUNNING_AGAIN;
            return;
        }
        running = Running.RUNNING;
        page(l);
    }

    private void page(Link l) {
        long after = lastSeqOr(-1);
        if (after < 0) {
            ended(-1);
            return;
        }
        l.sync(after, PAGE_EVENTS).whenComplete((page, failure) -> schedulerHop(l, () -> {
            if (failure != null) {
                log.debug("sync failed: {}", failure.toString());
                ended(-1);
                return;
            }
            long newSeq = page.getEventsCount() == 0 ? after : page.getEvents(page.getEventsCount() - 1).getSeq();
            if (page.getEventsCount() > 0 && !apply(page.getEventsList(), newSeq)) {
                ended(-1);
                return;
            }
            boolean more = page.getHasMore() && page.getEventsCount() > 0;
            if (more || running == Running.RUNNING_AGAIN) {
                running = Running.RUNNING;
                page(l);
            } else {
                ended(newSeq);
            }
        }));
    }

    private void ended(long lastSeq) {
        running = Running.IDLE;
        if (lastSeq >= 0) {
            stored.synced(lastSeq);
        }
        List<CompletableFuture<Long>> waiting = new ArrayList<>(syncWaiters);
        syncWaiters.clear();
        for (CompletableFuture<Long> w : waiting) {
            if (lastSeq >= 0) {
                w.complete(lastSeq);
            } else {
                w.completeExceptionally(new MagpieConnectionException("the sync did not finish"));
            }
        }
    }

    private void schedulerHop(Link l, Runnable task) {
        scheduler.execute(() -> {
            if (link == l) {
                task.run();
            }
        });
    }

    /** Stores events in one transaction; false if the store failed. */
    private boolean apply(List<InboxEvent> inbox, long newSeq) {
        List<MessageRecord> added;
        try {
            added = store.applySyncedEvents(HistoryMappers.toHistoryEvents(inbox, selfUserId.getAsLong()),
                    InboxNotices.kept(inbox), newSeq);
        } catch (HistoryStoreException e) {
            log.warn("could not store synced events: {}", e.getMessage());
            publish.accept(new MessengerEvent.StoreFailed(e));
            return false;
        } catch (IllegalArgumentException e) {
            log.warn("the server sent an event the store refused: {}", e.toString());
            return false;
        }
        stored.stored(inbox, added);
        return true;
    }

    private long lastSeqOr(long fallback) {
        try {
            return store.lastSeq();
        } catch (HistoryStoreException e) {
            publish.accept(new MessengerEvent.StoreFailed(e));
            return fallback;
        }
    }
}
