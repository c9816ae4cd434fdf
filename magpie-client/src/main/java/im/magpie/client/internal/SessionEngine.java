package im.magpie.client.internal;

import im.magpie.client.CertificateChangedException;
import im.magpie.client.ClientEvent;
import im.magpie.client.ConnectionState;
import im.magpie.client.MagpieClient;
import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.MessengerEvent;
import im.magpie.client.SessionState;
import im.magpie.client.history.HistoryMappers;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.OutboxEntry;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.ListFriendsRequest;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.ReceiptKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine behind {@link im.magpie.client.Messenger}: connect, log in (password once,
 * then the resume token), reconnect with backoff, sync the inbox into the history store, send the
 * outbox, send delivered receipts.
 *
 * <p><b>Threads.</b> Every field below is confined to {@code loop}, a single thread: client
 * callbacks hop onto it, public entry points {@link #execute} onto it. Blocking history writes
 * run there too (they are short), never on a network thread. A client that was replaced (after a
 * lost connection) is recognised by identity and its late callbacks are ignored.
 *
 * <p><b>Sync.</b> {@code SyncRequest(after = store.lastSeq())} pages until {@code has_more} is
 * false; each page is applied in one transaction together with its new sequence. A push with
 * exactly {@code lastSeq + 1} is applied directly; any other newer one, or a heartbeat/login
 * showing a newer latest sequence (a gap), starts a sync. Pushes during a sync make the sync run
 * once more at its end.
 *
 * <p><b>Outbox.</b> One message in flight at a time, in enqueue order, always with its own client
 * message id (the server stores a retry once). An ack is committed with
 * {@link HistoryStore#acknowledge}; a definite refusal marks the message FAILED; anything else
 * (lost connection, timeout, busy server) leaves it queued for the next attempt.
 */
public final class SessionEngine {
    private static final Logger log = LoggerFactory.getLogger(SessionEngine.class);

    /** Events per sync request (the protocol allows 1..500). */
    public static final int SYNC_PAGE_EVENTS = 200;
    /** Pause before re-sending after a timeout or a busy server while still connected. */
    static final Duration SEND_RETRY = Duration.ofSeconds(2);

    private final ScheduledExecutorService loop;
    private final Supplier<MagpieClient> clients;
    private final HistoryStore store;
    private final Backoff backoff;
    private final ListenerHub<im.magpie.client.MessengerEvent> events;
    private final Consumer<LoginOk> onLogin;
    private final OutboxDetour detour;

    // --- confined to loop ---
    private Function<MagpieClient, CompletableFuture<LoginOk>> authenticate;
    private CompletableFuture<LoginOk> firstLogin;
    private boolean firstLoginIsPassword;
    private volatile MagpieClient client;
    private volatile SessionState state = SessionState.OFFLINE;
    private boolean loggedIn;
    private long selfUserId;
    /** The version of the friend list in the store, read before each connect (0: none). */
    private volatile long heldFriendListVersion;
    private int failures;
    private boolean started;
    private boolean stopped;
    private boolean syncing;
    private boolean syncAgain;
    private boolean pumping;
    private Throwable goingAwayNoReconnect;
    private final List<CompletableFuture<Void>> outboxWaiters = new ArrayList<>();
    /** READ marks not yet told to the server (made offline, or the send failed): sent when online. */
    private final Map<PeerRef, Long> unsentReads = new LinkedHashMap<>();
    /** Queued messages the peer acknowledged over a direct channel: reported to the server marked so. */
    private final java.util.Set<String> deliveredDirectly = new java.util.HashSet<>();

    public SessionEngine(ScheduledExecutorService loop, Supplier<MagpieClient> clients, HistoryStore store,
                         Backoff backoff, ListenerHub<MessengerEvent> events, long selfUserId,
                         Consumer<LoginOk> onLogin) {
        this(loop, clients, store, backoff, events, selfUserId, onLogin, OutboxDetour.NONE);
    }

    public SessionEngine(ScheduledExecutorService loop, Supplier<MagpieClient> clients, HistoryStore store,
                         Backoff backoff, ListenerHub<MessengerEvent> events, long selfUserId,
                         Consumer<LoginOk> onLogin, OutboxDetour detour) {
        this.detour = detour;
        this.loop = loop;
        this.clients = clients;
        this.store = store;
        this.backoff = backoff;
        this.events = events;
        this.selfUserId = selfUserId;
        this.onLogin = onLogin;
    }

    /** Runs {@code task} on the engine thread. */
    public void execute(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("session engine task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("session closed: task dropped");
        }
    }

    /**
     * Starts connecting. {@code auth} logs a fresh client in (password or token); after the first
     * success the engine switches to the resume token. The returned future completes with the
     * first login; with {@code giveUpOnFirstFailure} (a password login) a first failure of any kind
     * fails it and stops, else only a refusal (bad token) does and connection failures are retried.
     */
    public CompletableFuture<LoginOk> start(Function<MagpieClient, CompletableFuture<LoginOk>> auth,
                                            boolean giveUpOnFirstFailure) {
        CompletableFuture<LoginOk> result = new CompletableFuture<>();
        execute(() -> {
            if (started) {
                result.completeExceptionally(new IllegalStateException("already started"));
                return;
            }
            started = true;
            authenticate = auth;
            firstLogin = result;
            firstLoginIsPassword = giveUpOnFirstFailure;
            connect();
        });
        return result;
    }

    /** Stops for good: closes the connection, reports OFFLINE. */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            stopped = true;
            MagpieClient c = client;
            client = null;
            if (c != null) {
                c.close();
            }
            setState(SessionState.OFFLINE, null, null);
            failFirstLogin(new MagpieConnectionException("the session was closed"));
            outboxWaiters.forEach(w -> w.completeExceptionally(new MagpieConnectionException("the session was closed")));
            outboxWaiters.clear();
            done.complete(null);
        });
        return done;
    }

    /** The current client if online. Call on any thread; the answer may be stale at once. */
    public Optional<MagpieClient> onlineClient() {
        MagpieClient c = client;
        return c != null && c.state() == ConnectionState.ONLINE && c.session().isPresent()
                ? Optional.of(c) : Optional.empty();
    }

    public long selfUserId() {
        return selfUserId;
    }

    /** Something was enqueued: send it if online. */
    public void outboxChanged() {
        execute(this::pump);
    }

    /** Completes when the outbox is empty (checked now and after every ack). */
    public CompletableFuture<Void> outboxEmpty() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        execute(() -> {
            outboxWaiters.add(result);
            checkOutboxEmpty();
        });
        return result;
    }

    /**
     * Sends a receipt. DELIVERED only when online (a lost one is covered by the next sync's). READ
     * is kept until the server has it: marked offline or lost on the way, it goes out when the
     * session is next online (the server ignores a mark it already has).
     */
    public void sendReceipt(PeerRef peer, ReceiptKind kind, long upToMessageId) {
        execute(() -> {
            if (upToMessageId <= 0 || peer.kind() != PeerKind.USER && kind == ReceiptKind.DELIVERED) {
                return;
            }
            if (kind == ReceiptKind.READ) {
                unsentReads.merge(peer, upToMessageId, Math::max);
                sendUnsentReads();
                return;
            }
            onlineClient().ifPresent(c -> c.messages().receipt(Wire.peer(peer), kind, upToMessageId)
                    .exceptionally(e -> {
                        log.debug("receipt not sent: {}", e.toString());
                        return null;
                    }));
        });
    }

    private void sendUnsentReads() {
        Optional<MagpieClient> online = onlineClient();
        if (online.isEmpty() || unsentReads.isEmpty()) return;
        Map<PeerRef, Long> sending = new LinkedHashMap<>(unsentReads);
        unsentReads.clear();
        sending.forEach((peer, upTo) -> online.get().messages().receipt(Wire.peer(peer), ReceiptKind.READ, upTo)
                .whenCompleteAsync((ok, failure) -> {
                    Throwable cause = failure == null ? null : unwrap(failure);
                    if (cause != null && !isRefusal(cause)) {
                        log.debug("read receipt not sent, kept for later: {}", cause.toString());
                        unsentReads.merge(peer, upTo, Math::max); // connection trouble: try again when online
                    }
                }, this::execute));
    }

    // ------------------------------------------------------------------------------ connection

    private void connect() {
        if (stopped || client != null) {
            return;
        }
        MagpieClient c = clients.get();
        client = c;
        loggedIn = false;
        goingAwayNoReconnect = null;
        setState(SessionState.CONNECTING, null, null);
        c.addListener(e -> execute(() -> onClientEvent(c, e)));
        heldFriendListVersion = storedFriendListVersion();
        c.connect()
                .thenCompose(info -> authenticate.apply(c))
                .whenCompleteAsync((ok, failure) -> {
                    if (client != c) {
                        return;
                    }
                    if (failure != null) {
                        lost(c, unwrap(failure));
                    } else {
                        online(c, ok);
                    }
                }, this::execute);
    }

    private void online(MagpieClient c, LoginOk ok) {
        loggedIn = true;
        failures = 0;
        selfUserId = ok.getSelf().getUserId();
        String token = ok.getResumeToken();
        if (!token.isEmpty()) {
            authenticate = fresh -> fresh.resume(token, heldFriendListVersion);
        }
        try {
            onLogin.accept(ok);
        } catch (RuntimeException e) {
            log.warn("could not store the session token: {}", e.toString());
        }
        takeFriendList(ok); // before ONLINE: listeners then find the contacts current
        setState(SessionState.ONLINE, null, null);
        if (firstLogin != null) {
            firstLogin.complete(ok);
            firstLogin = null;
        }
        requestSync();
        pump();
        sendUnsentReads();
    }

    private void onClientEvent(MagpieClient c, ClientEvent event) {
        if (client != c) {
            return;
        }
        if (event instanceof ClientEvent.StateChanged change) {
            if (change.state() == ConnectionState.OFFLINE) {
                lost(c, change.cause());
            }
        } else if (event instanceof ClientEvent.Heartbeat beat) {
            if (state == SessionState.ONLINE && beat.latestSeq() > lastSeqOr(Long.MAX_VALUE)) {
                requestSync();
            }
        } else if (event instanceof ClientEvent.Push push) {
            Frame frame = push.frame();
            if (frame.hasEvent()) {
                onEventPush(frame.getEvent().getEvent());
            } else if (frame.hasGoingAway()) {
                if (!frame.getGoingAway().getReconnect()) {
                    goingAwayNoReconnect = new MagpieConnectionException(
                            "the server closed the session: " + frame.getGoingAway().getReason());
                }
                events.publish(new MessengerEvent.Push(frame));
            } else {
                if (frame.hasPresenceChanged()) {
                    try {
                        store.updatePresence(frame.getPresenceChanged().getUserId(),
                                HistoryMappers.toPresence(frame.getPresenceChanged().getPresence()));
                    } catch (HistoryStoreException e) {
                        events.publish(new MessengerEvent.StoreFailed(e));
                    }
                }
                events.publish(new MessengerEvent.Push(frame));
            }
        }
    }

    /** The connection {@code c} failed or closed: reconnect after a backoff, or stop for good. */
    private void lost(MagpieClient c, Throwable cause) {
        if (client != c) {
            return;
        }
        boolean duringLogin = !loggedIn;
        client = null;
        syncing = false;
        syncAgain = false;
        pumping = false;
        ForkJoinPool.commonPool().execute(c::close); // close() may wait for the socket: not here
        if (goingAwayNoReconnect != null && cause == null) {
            cause = goingAwayNoReconnect;
        }
        if (stopped) {
            return;
        }
        if (duringLogin && firstLogin != null && (firstLoginIsPassword || isRefusal(cause))) {
            stopped = true;
            setState(SessionState.OFFLINE, null, cause);
            failFirstLogin(cause);
            return;
        }
        if (isFinal(cause)) {
            stopped = true;
            setState(SessionState.OFFLINE, null, cause);
            failFirstLogin(cause);
            return;
        }
        Duration delay = backoff.delay(failures++);
        setState(SessionState.RECONNECTING, delay, cause);
        schedule(this::connect, delay);
    }

    private boolean isRefusal(Throwable cause) {
        return cause instanceof MagpieClientException e && !(e instanceof MagpieConnectionException)
                && e.fromServer();
    }

    /** Causes after which trying again cannot help without the user. */
    private boolean isFinal(Throwable cause) {
        if (cause == goingAwayNoReconnect && cause != null) {
            return true;
        }
        if (cause instanceof CertificateChangedException) {
            return true;
        }
        if (cause instanceof im.magpie.client.ServerGoingAwayException away && !away.reconnect()) {
            return true;
        }
        return cause instanceof MagpieClientException e && e.fromServer()
                && (e.code() == ErrorCode.UNAUTHENTICATED || e.code() == ErrorCode.BAD_VERSION);
    }

    private void failFirstLogin(Throwable cause) {
        if (firstLogin != null) {
            firstLogin.completeExceptionally(cause != null ? cause : new MagpieConnectionException("not connected"));
            firstLogin = null;
        }
    }

    private void setState(SessionState next, Duration retryIn, Throwable cause) {
        if (next == state && next != SessionState.RECONNECTING) {
            return;
        }
        state = next;
        events.publish(new MessengerEvent.StateChanged(next, retryIn, cause));
    }

    public SessionState state() {
        return state;
    }

    // ------------------------------------------------------------------------------------ sync

    private void onEventPush(InboxEvent event) {
        if (syncing) {
            syncAgain = true;
            return;
        }
        long last = lastSeqOr(-1);
        if (last < 0 || event.getSeq() <= last) {
            return;
        }
        if (event.getSeq() == last + 1) {
            apply(List.of(event), event.getSeq());
        } else {
            requestSync();
        }
    }

    private void requestSync() {
        MagpieClient c = client;
        if (c == null || state != SessionState.ONLINE) {
            return;
        }
        if (syncing) {
            syncAgain = true;
            return;
        }
        syncing = true;
        syncAgain = false;
        syncPage(c);
    }

    private void syncPage(MagpieClient c) {
        long after = lastSeqOr(-1);
        if (after < 0) {
            syncing = false;
            return;
        }
        c.messages().sync(after, SYNC_PAGE_EVENTS)
                .whenCompleteAsync((page, failure) -> {
                    if (client != c) {
                        return;
                    }
                    if (failure != null) {
                        syncing = false;
                        log.debug("sync failed: {}", failure.toString());
                        return;
                    }
                    boolean more = page.getHasMore() && page.getEventsCount() > 0;
                    long newSeq = page.getEventsCount() == 0 ? after
                            : page.getEvents(page.getEventsCount() - 1).getSeq();
                    if (page.getEventsCount() > 0 && !apply(page.getEventsList(), newSeq)) {
                        syncing = false;
                        return;
                    }
                    if (more || syncAgain) {
                        syncAgain = false;
                        syncPage(c);
                    } else {
                        syncing = false;
                        events.publish(new MessengerEvent.Synced(newSeq));
                    }
                }, this::execute);
    }

    /** Applies events in one transaction and tells listeners; false if the store failed. */
    private boolean apply(List<InboxEvent> inbox, long newSeq) {
        List<MessageRecord> added;
        try {
            added = store.applySyncedEvents(HistoryMappers.toHistoryEvents(inbox, selfUserId), newSeq);
        } catch (HistoryStoreException e) {
            log.warn("could not store synced events: {}", e.getMessage());
            events.publish(new MessengerEvent.StoreFailed(e));
            return false;
        } catch (IllegalArgumentException e) {
            log.warn("the server sent an event the store refused: {}", e.toString());
            return false;
        }
        if (!added.isEmpty()) {
            events.publish(new MessengerEvent.MessagesReceived(added));
            deliveredReceipts(added);
        }
        boolean contactsChanged = false;
        for (InboxEvent e : inbox) {
            switch (e.getKindCase()) {
                case RECEIPT -> events.publish(new MessengerEvent.ConversationChanged(
                        HistoryMappers.toPeer(e.getReceipt().getPeer())));
                case RECALL -> events.publish(new MessengerEvent.ConversationChanged(
                        HistoryMappers.toPeer(e.getRecall().getPeer())));
                case MESSAGE -> { }
                default -> {
                    events.publish(new MessengerEvent.Notice(e));
                    contactsChanged |= e.hasFriendRequest() || e.hasFriendRemoved();
                }
            }
        }
        if (contactsChanged && client != null) {
            refreshContacts(client);
        }
        checkOutboxEmpty(); // an own message synced back leaves the outbox too
        return true;
    }

    private void deliveredReceipts(List<MessageRecord> added) {
        Map<PeerRef, Long> upTo = new LinkedHashMap<>();
        for (MessageRecord m : added) {
            if (!m.outgoing() && m.messageId() > 0 && m.peer().kind() == PeerKind.USER) {
                upTo.merge(m.peer(), m.messageId(), Math::max);
            }
        }
        upTo.forEach((peer, id) -> sendReceipt(peer, ReceiptKind.DELIVERED, id));
    }

    /** What a resume says it holds: the stored friend list's version (0 if it cannot be read). */
    public long heldFriendListVersion() {
        return heldFriendListVersion;
    }

    private long storedFriendListVersion() {
        try {
            return store.friendListVersion();
        } catch (HistoryStoreException e) {
            events.publish(new MessengerEvent.StoreFailed(e));
            return 0;
        }
    }

    /**
     * The friend list from the login answer into the store; when the server says the stored one is
     * still current, only presence changes.
     */
    private void takeFriendList(LoginOk ok) {
        try {
            if (ok.getFriendListUnchanged()) {
                Map<Long, im.magpie.client.history.Presence> notOffline = new HashMap<>();
                ok.getFriendPresenceList().forEach(p -> notOffline.put(p.getUserId(), HistoryMappers.toPresence(p.getPresence())));
                store.replacePresence(notOffline);
            } else {
                store.replaceContacts(HistoryMappers.toContacts(ok.getFriends()), ok.getFriends().getVersion());
            }
        } catch (HistoryStoreException e) {
            events.publish(new MessengerEvent.StoreFailed(e));
        }
    }

    private void refreshContacts(MagpieClient c) {
        c.request(Frame.newBuilder().setListFriends(ListFriendsRequest.getDefaultInstance()), Frame.BodyCase.FRIEND_LIST)
                .whenCompleteAsync((frame, failure) -> {
                    if (failure != null) {
                        log.debug("friend list not refreshed: {}", failure.toString());
                        return;
                    }
                    try {
                        store.replaceContacts(HistoryMappers.toContacts(frame.getFriendList()),
                                frame.getFriendList().getVersion());
                    } catch (HistoryStoreException e) {
                        events.publish(new MessengerEvent.StoreFailed(e));
                    }
                }, this::execute);
    }

    private long lastSeqOr(long fallback) {
        try {
            return store.lastSeq();
        } catch (HistoryStoreException e) {
            events.publish(new MessengerEvent.StoreFailed(e));
            return fallback;
        }
    }

    // ---------------------------------------------------------------------------------- outbox

    private void pump() {
        MagpieClient c = client;
        if (pumping || c == null || state != SessionState.ONLINE) {
            return;
        }
        List<OutboxEntry> pending;
        try {
            pending = store.pendingOutbox();
        } catch (HistoryStoreException e) {
            events.publish(new MessengerEvent.StoreFailed(e));
            return;
        }
        if (pending.isEmpty()) {
            checkOutboxEmpty();
            return;
        }
        pumping = true;
        sendOne(c, pending.get(0));
    }

    private void sendOne(MagpieClient c, OutboxEntry entry) {
        java.util.concurrent.CompletionStage<Boolean> direct =
                deliveredDirectly.contains(entry.clientMsgId()) ? null : detour.tryDirect(entry);
        if (direct == null) {
            sendToServer(c, entry);
            return;
        }
        direct.whenCompleteAsync((delivered, failure) -> {
            if (Boolean.TRUE.equals(delivered)) deliveredDirectly.add(entry.clientMsgId());
            if (client != c) return; // lost meanwhile: the next connection pumps again
            sendToServer(c, entry);
        }, this::execute);
    }

    private void sendToServer(MagpieClient c, OutboxEntry entry) {
        var request = Wire.send(entry);
        if (deliveredDirectly.contains(entry.clientMsgId())) request = request.toBuilder().setDeliveredDirectly(true).build();
        c.messages().send(request).whenCompleteAsync((ack, failure) -> {
            if (client != c) {
                return; // lost meanwhile: the next connection sends it again, same client id
            }
            pumping = false;
            if (failure != null) {
                onSendFailed(c, entry, unwrap(failure));
                return;
            }
            try {
                store.acknowledge(entry.clientMsgId(), ack.getMessageId(), ack.getSeq(), ack.getServerTimeMs());
                deliveredDirectly.remove(entry.clientMsgId());
            } catch (HistoryStoreException e) {
                events.publish(new MessengerEvent.StoreFailed(e));
                retrySendLater(SEND_RETRY); // still queued: resent with the same id, stored once
                return;
            }
            store.messageByClientMsgId(entry.clientMsgId())
                    .ifPresent(m -> events.publish(new MessengerEvent.MessageSent(m)));
            pump();
        }, this::execute);
    }

    private void onSendFailed(MagpieClient c, OutboxEntry entry, Throwable failure) {
        MagpieClientException e = MagpieClientException.unwrap(failure)
                .orElseGet(() -> new MagpieConnectionException(String.valueOf(failure), failure));
        try {
            store.recordSendAttempt(entry.clientMsgId()); // failed attempts only: no extra fsync per message
        } catch (HistoryStoreException storeFailure) {
            log.debug("send attempt not counted: {}", storeFailure.getMessage());
        }
        if (Wire.verdict(e) == Wire.SendVerdict.REFUSED) {
            try {
                store.markFailed(entry.clientMsgId());
                store.messageByClientMsgId(entry.clientMsgId())
                        .ifPresent(m -> events.publish(new MessengerEvent.MessageFailed(m, e)));
            } catch (HistoryStoreException storeFailure) {
                events.publish(new MessengerEvent.StoreFailed(storeFailure));
                retrySendLater(SEND_RETRY);
                return;
            }
            pump();
            return;
        }
        if (c.state() == ConnectionState.ONLINE) {
            Duration wait = e.retryAfterSeconds() > 0 ? Duration.ofSeconds(e.retryAfterSeconds()) : SEND_RETRY;
            retrySendLater(wait);
        }
        // else: the connection is gone; the reconnect pumps again
    }

    private void retrySendLater(Duration wait) {
        schedule(this::pump, wait);
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            loop.schedule(() -> execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("session closed: nothing scheduled");
        }
    }

    private void checkOutboxEmpty() {
        if (outboxWaiters.isEmpty()) {
            return;
        }
        boolean empty;
        try {
            empty = store.pendingOutbox().isEmpty();
        } catch (HistoryStoreException e) {
            return;
        }
        if (empty) {
            outboxWaiters.forEach(w -> w.complete(null));
            outboxWaiters.clear();
        }
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
