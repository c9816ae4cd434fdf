package im.magpie.server.social;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.PresenceChanged;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.server.cluster.Router;
import im.magpie.server.session.Connection;
import im.magpie.server.session.DeviceRef;
import im.magpie.server.session.OutboundBatch;
import im.magpie.server.session.SessionListener;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is online, away, busy, invisible or offline, and telling friends when that changes.
 *
 * <p>A user is online while any device is connected; their chosen status (away, busy, invisible)
 * applies on top. Invisible looks offline to everyone but the user. The chosen status is kept by
 * {@link ChosenStatuses}: in memory on one node, mirrored from Redis on a cluster; an entry exists
 * only for users who chose something other than online.
 *
 * <p>Fan-out: on a login ({@link #announceLogin}, with the friend ids the login answer read), a
 * logout (including a heartbeat timeout, which closes the connection), a status change or a new
 * friendship, {@link #announce} hands the work to the worker pool, which reads the friend list
 * and pushes {@code PresenceChanged} to the friends' online devices. The
 * presence pushed is computed when the task runs, and only a change from what was last pushed for
 * the user is sent, under a per-user lock, so tasks that run out of order never leave friends with a
 * stale state. Pushes go only to friends, never to strangers. Thread-safe.
 */
public final class Presence implements SessionListener {
    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    private static final int LOCK_STRIPES = 256;

    private final Router router;
    private final SocialGraph graph;
    private final Executor workers;
    private final Clock clock;
    private final ChosenStatuses chosen;
    /** What friends were last told, per user; absent means offline. */
    private final Map<Long, PresenceStatus> published = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final List<java.util.function.LongConsumer> statusListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Presence(Router router, SocialGraph graph, Executor workers, Clock clock, ChosenStatuses chosen) {
        this.router = router;
        this.chosen = chosen;
        this.graph = graph;
        this.workers = workers;
        this.clock = clock;
        for (int i = 0; i < LOCK_STRIPES; i++) locks[i] = new Object();
    }

    /** Told (on the caller's thread; must not block) when a user chooses a new status, e.g. for group member lists. */
    public void addStatusListener(java.util.function.LongConsumer listener) {
        statusListeners.add(listener);
    }

    /** What everyone but the user sees. */
    public PresenceStatus visible(long userId) {
        if (!router.isOnline(userId)) return PresenceStatus.OFFLINE;
        PresenceStatus status = chosen.get(userId);
        return status == PresenceStatus.INVISIBLE ? PresenceStatus.OFFLINE : status;
    }

    /** What the user sees of themself (invisible stays invisible). */
    public PresenceStatus own(long userId) {
        if (!router.isOnline(userId)) return PresenceStatus.OFFLINE;
        return chosen.get(userId);
    }

    /** The user's presence as {@code viewer} may see it (callers check that viewer is a friend). */
    public PresenceStatus seenBy(long viewer, long userId) {
        return viewer == userId ? own(userId) : visible(userId);
    }

    /** The status the user chose (ONLINE unless they chose otherwise), whether or not connected. */
    public PresenceStatus chosen(long userId) {
        return chosen.get(userId);
    }

    /**
     * Sets the user's chosen status, tells their other devices at once and their friends through
     * {@link #announce}. {@code status} is ONLINE, AWAY, BUSY or INVISIBLE (checked by the caller).
     */
    public void setStatus(long userId, PresenceStatus status, DeviceRef origin) {
        chosen.set(userId, status);
        router.pushExcept(userId, push(userId, status), origin);
        announce(userId);
        for (java.util.function.LongConsumer l : statusListeners) l.accept(userId);
    }

    /**
     * A device of the user has logged in: tells their friends, on a worker, using the friend ids
     * the login answer has just read ({@code null}: read them). Called by the login answer rather
     * than as {@link SessionListener#loggedIn}, which comes before those ids are read. Every device
     * calls it; after the first there is no change to publish, so nothing is sent.
     */
    public void announceLogin(long userId, List<Long> friendIds) {
        execute(userId, friendIds);
    }

    @Override
    public void loggedOut(Connection connection, boolean lastDevice) {
        if (lastDevice) announce(connection.userId());
    }

    /** Re-checks the user's visible presence soon, on a worker, and tells friends if it changed. */
    public void announce(long userId) {
        execute(userId, null);
    }

    private void execute(long userId, List<Long> knownFriendIds) {
        try {
            workers.execute(() -> publishIfChanged(userId, knownFriendIds));
        } catch (RejectedExecutionException e) {
            log.debug("presence of {} not announced: shutting down", userId);
        }
    }

    /**
     * Cluster: the user has no device on any node now. Forgets what was last published for them
     * (so their next login is announced again wherever it happens) and tells their friends they are
     * offline if this node had told them otherwise, or if {@code announce} (their node died: nobody
     * else will). Friends may hear "offline" twice; never not at all. On a worker.
     */
    public void offlineEverywhere(long userId, boolean announce) {
        try {
            workers.execute(() -> {
                try {
                    PresenceStatus told;
                    synchronized (locks[Math.floorMod(Long.hashCode(userId), LOCK_STRIPES)]) {
                        if (visible(userId) != PresenceStatus.OFFLINE) return;
                        told = published.remove(userId);
                    }
                    // A node that told friends the user was online tells them this too: when two
                    // nodes lose the user's last devices at once, each saw the other still online.
                    if (!announce && told == null) return;
                    Frame frame = push(userId, PresenceStatus.OFFLINE);
                    for (long friend : graph.friendIds(userId)) router.push(friend, frame);
                } catch (RuntimeException e) {
                    log.warn("offline notice for user {} failed", userId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("offline notice of {} not sent: shutting down", userId);
        }
    }

    /** Cluster: tells the user's friends their presence again (after Redis was away), changed or not. */
    public void reannounce(long userId) {
        published.remove(userId);
        announce(userId);
    }

    /** Tells one new friend the user's current presence (e.g. right after a request is accepted). */
    public void tellFriend(long userId, long friendId) {
        PresenceStatus now = visible(userId);
        if (now != PresenceStatus.OFFLINE) router.push(friendId, push(userId, now));
    }

    private void publishIfChanged(long userId, List<Long> knownFriendIds) {
        try {
            List<Long> friends = knownFriendIds != null ? knownFriendIds : graph.friendIds(userId);
            synchronized (locks[Math.floorMod(Long.hashCode(userId), LOCK_STRIPES)]) {
                PresenceStatus now = visible(userId);
                PresenceStatus before = now == PresenceStatus.OFFLINE ? published.remove(userId) : published.put(userId, now);
                if (before == null) before = PresenceStatus.OFFLINE;
                if (before == now) return;
                Frame frame = push(userId, now);
                // One task per event loop, not one per friend: a login storm pushes ~friends/2 frames a login.
                OutboundBatch.run(() -> {
                    for (long friend : friends) router.push(friend, frame);
                });
            }
        } catch (RuntimeException e) {
            log.warn("presence fan-out for user {} failed", userId, e);
        }
    }

    private Frame push(long userId, PresenceStatus status) {
        return Frame.newBuilder().setPresenceChanged(PresenceChanged.newBuilder()
                .setUserId(userId).setPresence(status).setTimeMs(clock.millis())).build();
    }
}
