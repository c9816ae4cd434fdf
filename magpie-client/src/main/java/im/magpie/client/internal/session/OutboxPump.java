package im.magpie.client.internal.session;

import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.OutboxEntry;
import im.magpie.client.internal.OutboxDetour;
import im.magpie.client.internal.Wire;
import im.magpie.protocol.proto.LoginOk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the store's outbox: one message in flight at a time, in enqueue order, always with its
 * own client message id (so the server stores a retry once, also across reconnects and restarts).
 * An ack is committed with {@link HistoryStore#acknowledge}; a definite refusal marks the message
 * FAILED; anything else (lost connection, timeout, busy server) leaves it queued for the next
 * attempt. Confined to the session thread.
 */
final class OutboxPump implements SessionPart {
    /** Pause before re-sending after a timeout or a busy server while still connected. */
    static final Duration SEND_RETRY = Duration.ofSeconds(2);

    /** What the pump reports about a message. */
    interface Events {
        void sent(MessageRecord message);

        void failed(MessageRecord message, MagpieClientException reason);

        void storeFailed(HistoryStoreException e);
    }

    /** The pump's state: idle, or one message in flight on a link. */
    private sealed interface Pumping {}

    private record Idle() implements Pumping {}

    private record InFlight(Link link, String clientMsgId) implements Pumping {}

    private final Scheduler scheduler;
    private final HistoryStore store;
    private final Events events;
    private final OutboxDetour detour;
    /** Queued messages the peer acknowledged over a direct channel (still sent to the server, once). */
    private final Set<String> deliveredDirectly = new HashSet<>();
    private final List<CompletableFuture<Void>> emptyWaiters = new ArrayList<>();
    private Link link;
    private Pumping pumping = new Idle();

    OutboxPump(Scheduler scheduler, HistoryStore store, Events events, OutboxDetour detour) {
        this.scheduler = scheduler;
        this.store = store;
        this.events = events;
        this.detour = detour;
    }

    @Override
    public void online(Link link, LoginOk ok) {
        this.link = link;
        pumping = new Idle();
        pump();
    }

    @Override
    public void offline() {
        link = null;
        pumping = new Idle(); // an answer on the old link is ignored; the next link resends, same id
    }

    /** Something was enqueued or retried: send it if online. */
    void pump() {
        Link l = link;
        if (l == null || pumping instanceof InFlight) {
            return;
        }
        List<OutboxEntry> pending;
        try {
            pending = store.outbox().pending();
        } catch (HistoryStoreException e) {
            events.storeFailed(e);
            return;
        }
        if (pending.isEmpty()) {
            checkEmpty();
            return;
        }
        OutboxEntry entry = pending.get(0);
        InFlight flight = new InFlight(l, entry.clientMsgId());
        pumping = flight;
        CompletionStage<Boolean> direct = deliveredDirectly.contains(entry.clientMsgId()) ? null : detour.tryDirect(entry);
        if (direct == null) {
            toServer(l, entry, flight);
            return;
        }
        direct.whenComplete((delivered, failure) -> scheduler.execute(() -> {
            if (Boolean.TRUE.equals(delivered)) {
                deliveredDirectly.add(entry.clientMsgId());
            }
            if (pumping == flight) {
                toServer(l, entry, flight); // either way to the server too, same client id: stored once
            }
        }));
    }

    private void toServer(Link l, OutboxEntry entry, InFlight flight) {
        var request = Wire.send(entry);
        if (deliveredDirectly.contains(entry.clientMsgId())) {
            // the peer has it: the server stores it for the other devices and history, without pushing it again
            request = request.toBuilder().setDeliveredDirectly(true).build();
        }
        l.send(request).whenComplete((ack, failure) -> scheduler.execute(() -> {
            if (pumping != flight) {
                return; // the link was lost meanwhile: the next one sends it again, same client id
            }
            pumping = new Idle();
            if (failure == null) {
                deliveredDirectly.remove(entry.clientMsgId());
            }
            if (failure != null) {
                failed(l, entry, ConnectionKeeper.unwrap(failure));
            } else {
                acknowledged(entry, ack);
            }
        }));
    }

    private void acknowledged(OutboxEntry entry, im.magpie.protocol.proto.SendAck ack) {
        try {
            store.outbox().acknowledge(entry.clientMsgId(), ack.getMessageId(), ack.getSeq(), ack.getServerTimeMs());
        } catch (HistoryStoreException e) {
            events.storeFailed(e);
            later(SEND_RETRY); // still queued: resent with the same id, stored once
            return;
        }
        store.messageByClientMsgId(entry.clientMsgId()).ifPresent(events::sent);
        pump();
    }

    private void failed(Link l, OutboxEntry entry, Throwable failure) {
        MagpieClientException e = MagpieClientException.unwrap(failure)
                .orElseGet(() -> new MagpieConnectionException(String.valueOf(failure), failure));
        try {
            store.outbox().recordSendAttempt(entry.clientMsgId()); // failed attempts only: no extra fsync per message
        } catch (HistoryStoreException ignored) {
            // a counter only
        }
        if (Wire.verdict(e) == Wire.SendVerdict.REFUSED) {
            try {
                store.outbox().markFailed(entry.clientMsgId());
            } catch (HistoryStoreException storeFailure) {
                events.storeFailed(storeFailure);
                later(SEND_RETRY);
                return;
            }
            store.messageByClientMsgId(entry.clientMsgId()).ifPresent(m -> events.failed(m, e));
            pump();
            return;
        }
        if (l.isUp()) {
            later(e.retryAfterSeconds() > 0 ? Duration.ofSeconds(e.retryAfterSeconds()) : SEND_RETRY);
        }
        // else: the connection is gone; the next login pumps again
    }

    private void later(Duration wait) {
        scheduler.schedule(this::pump, wait);
    }

    /** Completes when every queued message has been acknowledged (or refused). */
    CompletableFuture<Void> whenEmpty() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        emptyWaiters.add(result);
        checkEmpty();
        return result;
    }

    /** Checked after every ack and sync (an own message synced back leaves the outbox too). */
    void checkEmpty() {
        if (emptyWaiters.isEmpty()) {
            return;
        }
        try {
            if (!store.outbox().pending().isEmpty()) {
                return;
            }
        } catch (HistoryStoreException e) {
            return;
        }
        emptyWaiters.forEach(w -> w.complete(null));
        emptyWaiters.clear();
    }

    /** The session stopped: nobody will empty the outbox now. */
    void stopped() {
        emptyWaiters.forEach(w -> w.completeExceptionally(new MagpieConnectionException("the session was closed")));
        emptyWaiters.clear();
    }
}
