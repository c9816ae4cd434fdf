package im.magpie.server.inbox;

import im.magpie.protocol.Limits;
import im.magpie.protocol.proto.EventPush;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.SyncPage;
import im.magpie.server.cluster.Router;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.session.Connection;
import im.magpie.server.session.DeviceRef;
import im.magpie.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Every user's inbox: an append-only, per-user numbered log (see docs/protocol.md, "Delivery").
 *
 * <p>Contract: {@link #append} runs inside the caller's transaction, so an event is stored exactly
 * when the change it reports is; only after that transaction commits may the caller
 * {@link #publish} the events (push to online devices). A push can be missed (slow or dropped
 * connection); the client then notices the gap through the Pong's latest sequence and syncs, so
 * what was committed is never lost. Appends to one user's inbox are serialised by the row lock on
 * its {@code inbox_heads} row; several users' heads are always locked in ascending id order, so
 * concurrent multi-user appends (group fan-out) cannot deadlock. Thread-safe.
 */
public final class Inbox {
    private final Jdbi jdbi;
    private final Router router;
    private final Clock clock;
    /** Latest committed sequence per user, for cheap Pongs; filled lazily, only ever raised. */
    private final Map<Long, Long> latest = new ConcurrentHashMap<>();
    /** Completes sync pages (messaging stores message contents apart and fills them in here). */
    private volatile UnaryOperator<List<InboxEvent>> pageFiller = UnaryOperator.identity();

    private static final String INSERT_EVENT = "INSERT INTO inbox_events (user_id, seq, time_ms, event) VALUES (?, ?, ?, ?)";

    /** Heads read back per query in {@link #append} (the database's {@code Dialect.keysPerInList}). */
    private final int headsPerQuery;

    public Inbox(Jdbi jdbi, Router router, Clock clock, int headsPerQuery) {
        this.jdbi = jdbi;
        this.router = router;
        this.clock = clock;
        this.headsPerQuery = headsPerQuery;
    }

    /**
     * Appends the deliveries within transaction {@code tx} and returns them with sequence and time
     * set, in the order given. Several deliveries may go to the same user (they get consecutive
     * sequences in the order given).
     */
    public List<StoredEvent> append(Handle tx, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) return List.of();
        try {
            return append(tx.getConnection(), deliveries);
        } catch (SQLException e) {
            throw Sql.unchecked(e);
        }
    }

    // Plain JDBC: this runs for every message (group commit and fan-out append hundreds of rows at
    // once), and per-row binding through Jdbi cost more than the SQL itself.
    private List<StoredEvent> append(java.sql.Connection c, List<Delivery> deliveries) throws SQLException {
        long now = clock.millis();
        TreeMap<Long, Integer> countByUser = new TreeMap<>();
        for (Delivery d : deliveries) countByUser.merge(d.userId(), 1, Integer::sum);
        // Raise every head in one JDBC batch, in ascending user id (the lock order: no deadlocks),
        // then read the new heads back in one query: two statements per append, however many
        // users (group commit and fan-out append for hundreds at once).
        try (PreparedStatement heads = c.prepareStatement("UPDATE inbox_heads SET last_seq = last_seq + ? WHERE user_id = ?")) {
            for (Map.Entry<Long, Integer> e : countByUser.entrySet()) {
                heads.setLong(1, e.getValue());
                heads.setLong(2, e.getKey());
                heads.addBatch();
            }
            heads.executeBatch();
        }
        Map<Long, Long> nextSeq = new HashMap<>();
        List<Long> users = new ArrayList<>(countByUser.keySet());
        for (int from = 0; from < users.size(); from += headsPerQuery) {
            List<Long> chunk = Sql.paddedToPowerOfTwo(users.subList(from, Math.min(users.size(), from + headsPerQuery)));
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT user_id, last_seq FROM inbox_heads WHERE user_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) read.setLong(i + 1, chunk.get(i));
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        long user = rs.getLong(1);
                        nextSeq.put(user, rs.getLong(2) - countByUser.get(user) + 1);
                    }
                }
            }
        }
        if (nextSeq.size() != countByUser.size()) throw MagpieException.notFound("account.user.not_found");
        List<StoredEvent> stored = new ArrayList<>(deliveries.size());
        // A group message's deliveries share a few event instances: stamp and serialise each once.
        Map<InboxEvent, Stamped> stamped = new IdentityHashMap<>();
        try (PreparedStatement insert = c.prepareStatement(INSERT_EVENT)) {
            for (Delivery d : deliveries) {
                long seq = nextSeq.merge(d.userId(), 1L, Long::sum) - 1;
                Stamped s = stamped.computeIfAbsent(d.event(), e -> Stamped.of(e, now));
                addEvent(insert, d.userId(), seq, now, s.bytes());
                stored.add(new StoredEvent(d.userId(), s.event().toBuilder().setSeq(seq).build()));
            }
            insert.executeBatch();
        }
        return stored;
    }

    /** An event with its time set and its sequence left 0, and that event as stored. */
    private record Stamped(InboxEvent event, byte[] bytes) {
        static Stamped of(InboxEvent event, long timeMs) {
            InboxEvent stamped = event.toBuilder().setSeq(0).setTimeMs(timeMs).build();
            return new Stamped(stamped, stamped.toByteArray());
        }
    }

    /** Adds one row to an {@link #INSERT_EVENT} batch; {@code event} is the event with its seq left 0. */
    private static void addEvent(PreparedStatement insert, long userId, long seq, long timeMs, byte[] event) throws SQLException {
        insert.setLong(1, userId);
        insert.setLong(2, seq);
        insert.setLong(3, timeMs);
        insert.setBytes(4, event);
        insert.addBatch();
    }

    /** After the appending transaction committed: push each event to its user's online devices. */
    public void publish(List<StoredEvent> events) {
        publishExcept(events, (DeviceRef) null);
    }

    /** Like {@link #publish}, but not to {@code except} (e.g. the device that caused the event), on whichever node it is. */
    public void publishExcept(List<StoredEvent> events, DeviceRef except) {
        for (StoredEvent e : events) {
            latest.merge(e.userId(), e.seq(), Math::max);
            // Most often the sender's copy of a message, for their other devices: usually there are none,
            // and a push frame costs about a kilobyte to build (Frame's builder has a field per body kind).
            if (!router.mayReach(e.userId(), except)) continue;
            Frame push = Frame.newBuilder().setEvent(EventPush.newBuilder().setEvent(e.event())).build();
            if (except == null) router.push(e.userId(), push);
            else router.pushExcept(e.userId(), push, except);
        }
    }

    /** Like {@link #publishExcept(List, DeviceRef)}, naming the device by its connection on this node. */
    public void publishExcept(List<StoredEvent> events, Connection except) {
        publishExcept(events, except == null ? null : router.device(except));
    }

    /**
     * Counts events as published without pushing them: their users already have them by another
     * path (a direct channel); their other devices see the newer sequence in a heartbeat and sync.
     */
    public void publishQuietly(List<StoredEvent> events) {
        for (StoredEvent e : events) latest.merge(e.userId(), e.seq(), Math::max);
    }

    /** Appends in a transaction of its own, then publishes. For features with nothing else to write. */
    public List<StoredEvent> appendAndPublish(List<Delivery> deliveries) {
        List<StoredEvent> stored = jdbi.inTransaction(tx -> append(tx, deliveries));
        publish(stored);
        return stored;
    }

    /**
     * Lets a feature complete events before a sync page goes out: the messaging feature keeps
     * message contents out of the inbox (so a recall deletes them everywhere) and fills them in here.
     */
    public void usePageFiller(UnaryOperator<List<InboxEvent>> filler) {
        this.pageFiller = filler;
    }

    /** The user's newest sequence (0 for an empty inbox). Cheap after the first call. */
    public long latestSeq(long userId) {
        Long cached = latest.get(userId);
        if (cached != null) return cached;
        long seq = jdbi.withHandle(h -> h.createQuery("SELECT last_seq FROM inbox_heads WHERE user_id = :u")
                .bind("u", userId).mapTo(Long.class).findOne().orElse(0L));
        return latest.merge(userId, seq, Math::max);
    }

    /** Cluster: an event of this user was appended on another node (so the Pong reports it here too). */
    public void raiseLatest(long userId, long seq) {
        latest.merge(userId, seq, Math::max);
    }

    /**
     * Cluster, while Redis is away: reads these users' heads from the database, so Pongs report
     * events appended on other nodes and the clients sync them.
     */
    public void refreshLatest(java.util.Collection<Long> userIds) {
        List<Long> users = new ArrayList<>(userIds);
        for (int from = 0; from < users.size(); from += headsPerQuery) {
            List<Long> chunk = Sql.paddedToPowerOfTwo(users.subList(from, Math.min(users.size(), from + headsPerQuery)));
            jdbi.useHandle(h -> {
                try (PreparedStatement read = h.getConnection().prepareStatement(
                        "SELECT user_id, last_seq FROM inbox_heads WHERE user_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) read.setLong(i + 1, chunk.get(i));
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) latest.merge(rs.getLong(1), rs.getLong(2), Math::max);
                    }
                } catch (SQLException e) {
                    throw Sql.unchecked(e);
                }
            });
        }
    }

    /** The latest sequence if already known in memory, else 0 (for the event-loop Pong). */
    public long latestSeqIfCached(long userId) {
        return latest.getOrDefault(userId, 0L);
    }

    /** Events after {@code afterSeq}, oldest first, at most {@code limit}. */
    public SyncPage sync(long userId, long afterSeq, int limit) {
        long head = latestSeq(userId);
        if (afterSeq < 0 || afterSeq > head) throw MagpieException.badRequest("inbox.sync.bad_seq", afterSeq, head);
        if (limit < 1 || limit > Limits.SYNC_PAGE_MAX) throw MagpieException.badRequest("inbox.sync.bad_limit", Limits.SYNC_PAGE_MAX);
        List<InboxEvent> events = jdbi.withHandle(h -> h.createQuery(
                        "SELECT seq, event FROM inbox_events WHERE user_id = :u AND seq > :after ORDER BY seq LIMIT :n")
                .bind("u", userId).bind("after", afterSeq).bind("n", limit + 1)
                .map((rs, ctx) -> parse(rs.getBytes("event")).toBuilder().setSeq(rs.getLong("seq")).build())
                .list());
        boolean more = events.size() > limit;
        return SyncPage.newBuilder()
                .addAllEvents(pageFiller.apply(more ? events.subList(0, limit) : events))
                .setHasMore(more)
                .setLatestSeq(head)
                .build();
    }

    private static InboxEvent parse(byte[] bytes) {
        try {
            return InboxEvent.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt inbox event", e);
        }
    }
}
