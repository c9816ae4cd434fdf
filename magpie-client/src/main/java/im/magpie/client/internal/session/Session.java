package im.magpie.client.internal.session;

import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.MessengerEvent;
import im.magpie.client.SessionState;
import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.client.internal.Backoff;
import im.magpie.client.internal.Directory;
import im.magpie.client.internal.MagpieClient;
import im.magpie.client.internal.Online;
import im.magpie.client.internal.OutboxDetour;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.LoginOk;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One account's session behind {@link im.magpie.client.Messenger}, assembled from parts with one
 * job each, all on one {@link Scheduler} thread:
 *
 * <ul>
 *   <li>{@link ConnectionKeeper}: connecting, logging in, backoff, the session's {@link Phase};</li>
 *   <li>{@link InboxSync}: the inbox into the store, in sequence;</li>
 *   <li>{@link InboxNotices}: stored inbox events into named {@link MessengerEvent}s and cache updates;</li>
 *   <li>{@link UnseenEvents}: what was synced but never shown, replayed for a front end (any thread);</li>
 *   <li>{@link OutboxPump}: the outbox to the server, in order, exactly once;</li>
 *   <li>{@link Receipts}: delivered and read receipts, read marks kept while offline;</li>
 *   <li>{@link ContactsCache}: friends, groups, people, presence;</li>
 *   <li>{@link HistoryBackfill}: older history from the server.</li>
 * </ul>
 *
 * Public methods may be called from any thread: they hop onto the scheduler. Futures complete on it.
 */
public final class Session implements Online, ConnectionKeeper.Listener {
    private final Scheduler scheduler;
    private final HistoryStore store;
    private final Directory names;
    private final Consumer<MessengerEvent> publish;
    private final ConnectionKeeper keeper;
    private final ContactsCache contacts;
    private final Receipts receipts;
    private final OutboxPump outbox;
    private final InboxNotices notices;
    private final InboxSync sync;
    private final UnseenEvents unseen;
    private final HistoryBackfill backfill;
    private final List<SessionPart> parts;
    private volatile long selfUserId;

    public Session(Scheduler scheduler, Dialer dialer, Backoff backoff, HistoryStore store, long selfUserId,
                   Consumer<MessengerEvent> publish, Consumer<LoginOk> remember) {
        this(scheduler, dialer, backoff, store, selfUserId, publish, remember, OutboxDetour.NONE);
    }

    /** With {@code detour}: the outbox's hook for direct channels (see {@link OutboxDetour}). */
    public Session(Scheduler scheduler, Dialer dialer, Backoff backoff, HistoryStore store, long selfUserId,
                   Consumer<MessengerEvent> publish, Consumer<LoginOk> remember, OutboxDetour detour) {
        this.scheduler = scheduler;
        this.store = store;
        this.names = new Directory(store);
        this.publish = publish;
        this.selfUserId = selfUserId;
        this.contacts = new ContactsCache(scheduler, store, names, publish);
        this.receipts = new Receipts(scheduler);
        this.notices = new InboxNotices(store, names, contacts, this::selfUserId, publish);
        this.unseen = new UnseenEvents(store, notices);
        this.outbox = new OutboxPump(scheduler, store, new OutboxPump.Events() {
            @Override
            public void sent(MessageRecord m) {
                publish.accept(new MessengerEvent.MessageSent(notices.named(m)));
            }

            @Override
            public void failed(MessageRecord m, MagpieClientException reason) {
                publish.accept(new MessengerEvent.MessageFailed(notices.named(m), reason));
            }

            @Override
            public void storeFailed(HistoryStoreException e) {
                publish.accept(new MessengerEvent.StoreFailed(e));
            }
        }, detour);
        this.sync = new InboxSync(scheduler, store, this::selfUserId, new InboxSync.Stored() {
            @Override
            public void stored(List<InboxEvent> inbox, List<MessageRecord> added) {
                receipts.delivered(added);
                notices.stored(inbox, added);
                outbox.checkEmpty(); // an own message synced back leaves the outbox too
            }

            @Override
            public void synced(long lastSeq) {
                notices.then(new MessengerEvent.Synced(lastSeq));
            }
        }, publish);
        this.backfill = new HistoryBackfill(scheduler, store, this::selfUserId);
        // order matters: the caches are current before sync and the outbox start
        this.parts = List.of(contacts, receipts, sync, outbox, backfill);
        this.keeper = new ConnectionKeeper(scheduler, dialer, backoff, publish, this,
                contacts::heldFriendListVersion, ok -> {
                    this.selfUserId = ok.getSelf().getUserId();
                    remember.accept(ok);
                });
    }

    // ---------------------------------------------------------------- ConnectionKeeper.Listener

    @Override
    public void online(Link link, LoginOk ok) {
        parts.forEach(p -> p.online(link, ok));
    }

    @Override
    public void offline() {
        parts.forEach(SessionPart::offline);
    }

    @Override
    public void push(Frame frame) {
        if (frame.hasEvent()) {
            sync.pushed(frame.getEvent().getEvent());
        } else {
            contacts.push(frame);
        }
        framePushes.forEach(l -> l.accept(frame));
    }

    private final List<Consumer<Frame>> framePushes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Hears every pushed frame, on the session thread: the seam for features inside the library
     * that have pushes of their own (direct-channel introductions, file offers). Not public API.
     */
    public void addPushListener(Consumer<Frame> listener) {
        framePushes.add(listener);
    }

    /** A request over the current connection, for features inside the library; fails when offline. */
    public CompletableFuture<Frame> request(Frame.Builder body, Frame.BodyCase expected) {
        return client().thenCompose(c -> c.request(body, expected));
    }

    @Override
    public void heartbeat(long latestSeq) {
        sync.heartbeat(latestSeq);
    }

    // ------------------------------------------------------------------------------ lifecycle

    public CompletableFuture<LoginOk> start(Credentials credentials) {
        return keeper.start(credentials);
    }

    public CompletableFuture<Void> stop() {
        return keeper.stop().thenRun(outbox::stopped);
    }

    public SessionState state() {
        return keeper.state();
    }

    /** See {@link im.magpie.client.Messenger#showUnseen}: runs on the caller's thread. */
    public int showUnseen(Consumer<? super MessengerEvent> show) {
        return unseen.show(show);
    }

    /** See {@link im.magpie.client.Messenger#markSeen}: runs on the caller's thread. */
    public void markSeen(MessengerEvent event) {
        unseen.markSeen(event);
    }

    @Override
    public long selfUserId() {
        return selfUserId;
    }

    // ------------------------------------------------------------------------------ Online

    @Override
    public CompletableFuture<MagpieClient> client() {
        return keeper.onlineLink().flatMap(Link::client).map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(
                        new MagpieConnectionException("not connected (" + keeper.state() + ")")));
    }

    @Override
    public Directory names() {
        return names;
    }

    @Override
    public HistoryStore store() {
        return store;
    }

    @Override
    public CompletableFuture<Void> refreshCaches() {
        return onLoop(() -> contacts.refreshFriends().thenCompose(list -> contacts.refreshGroups()));
    }

    // ------------------------------------------------------------------------------ requests

    /** Something was enqueued: send it if online. */
    public void outboxChanged() {
        scheduler.execute(outbox::pump);
    }

    public CompletableFuture<Void> outboxEmpty() {
        return onLoop(outbox::whenEmpty);
    }

    /** Everything of {@code peer} up to {@code upTo} was read here: tell the server (now or when online). */
    public CompletableFuture<Void> read(PeerRef peer, long upTo) {
        return onLoop(() -> receipts.read(peer, upTo));
    }

    /**
     * Syncs the inbox now; completes with the last stored sequence once the events of the sync are
     * published. Fails when offline.
     */
    public CompletableFuture<Long> syncNow() {
        return onLoop(() -> sync.syncNow().thenCompose(seq -> notices.published().thenApply(v -> seq)));
    }

    public CompletableFuture<List<ContactRecord>> refreshFriends() {
        return onLoop(contacts::refreshFriends);
    }

    public CompletableFuture<Void> refreshGroups() {
        return onLoop(contacts::refreshGroups);
    }

    public CompletableFuture<MessagePage> page(PeerRef peer, long beforeLocalId, int limit) {
        return onLoop(() -> backfill.page(peer, beforeLocalId, limit));
    }

    /** A stored message with its names. */
    public im.magpie.client.NamedMessage named(MessageRecord m) {
        return notices.named(m);
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                work.get().whenComplete((v, f) -> {
                    if (f != null) {
                        result.completeExceptionally(ConnectionKeeper.unwrap(f));
                    } else {
                        result.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
