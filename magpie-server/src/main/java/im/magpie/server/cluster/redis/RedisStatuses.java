package im.magpie.server.cluster.redis;

import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.server.social.ChosenStatuses;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' chosen statuses on a cluster: the hash {@code {p}status} in Redis is the record, and every
 * node keeps a mirror in memory, loaded when it joins (so a node started after a choice knows it)
 * and kept current by the CHANGED news every choice publishes. Reads are map lookups.
 *
 * <p>While Redis is away a choice is kept in the mirror and marked; the rejoin writes the marked
 * choices before it reloads the rest, so a choice made during an outage is not undone by it. If
 * Redis restarted without its data (it runs without persistence), the hash lacks its "kept" field,
 * and every node writes back what its mirror holds rather than forgetting it. News
 * that arrives while the hash is being read wins over what the read found for that user.
 */
final class RedisStatuses implements ChosenStatuses {
    private static final Logger log = LoggerFactory.getLogger(RedisStatuses.class);

    /** A field every live hash holds: its absence means Redis lost the hash (see {@link #load}). */
    private static final byte[] KEPT = RedisKeys.bytes("kept");

    private final RedisRouter router;
    private final RedisKeys keys;
    private final Map<Long, PresenceStatus> mirror = new ConcurrentHashMap<>();
    /** Chosen here but not yet written to Redis (it was away). */
    private final Set<Long> unwritten = ConcurrentHashMap.newKeySet();
    /** Users whose news arrived during the current load (null: no load running). */
    private volatile Set<Long> newsDuringLoad;

    RedisStatuses(RedisRouter router, RedisKeys keys) {
        this.router = router;
        this.keys = keys;
    }

    @Override
    public PresenceStatus get(long userId) {
        return mirror.getOrDefault(userId, PresenceStatus.ONLINE);
    }

    @Override
    public void set(long userId, PresenceStatus status) {
        keep(userId, status);
        unwritten.add(userId);
        if (!router.linkUp()) return;
        try {
            var redis = router.connection().async();
            var written = status == PresenceStatus.ONLINE
                    ? redis.hdel(keys.status(), RedisKeys.number(userId))
                    : redis.hset(keys.status(), RedisKeys.number(userId), RedisKeys.number(status.getNumber()));
            written.thenRun(() -> unwritten.remove(userId));
        } catch (RuntimeException e) {
            log.debug("status of {} not written to Redis yet: {}", userId, e.toString());
        }
        router.changed(userId, status.getNumber()); // after the write, on the same connection: others read it
    }

    /** News from another node: the user chose {@code status} there. */
    void adopt(long userId, int status) {
        PresenceStatus s = PresenceStatus.forNumber(status);
        if (s == null || s == PresenceStatus.UNRECOGNIZED || s == PresenceStatus.OFFLINE) return;
        Set<Long> during = newsDuringLoad;
        if (during != null) during.add(userId);
        keep(userId, s);
    }

    /**
     * Writes the choices made while Redis was away, then makes the mirror the hash (on joining and
     * rejoining; on the heartbeat thread).
     */
    void load(RedisCommands<byte[], byte[]> redis) {
        for (Long u : Set.copyOf(unwritten)) {
            PresenceStatus s = get(u);
            if (s == PresenceStatus.ONLINE) redis.hdel(keys.status(), RedisKeys.number(u));
            else redis.hset(keys.status(), RedisKeys.number(u), RedisKeys.number(s.getNumber()));
            unwritten.remove(u);
        }
        if (redis.hsetnx(keys.status(), KEPT, KEPT)) {
            // The hash is new: the cluster's first start, or Redis restarted without its data. What
            // this node remembers is then the record (an invisible user must not turn visible).
            for (Map.Entry<Long, PresenceStatus> e : Map.copyOf(mirror).entrySet()) {
                redis.hsetnx(keys.status(), RedisKeys.number(e.getKey()), RedisKeys.number(e.getValue().getNumber()));
            }
            if (!mirror.isEmpty()) log.info("Redis had no chosen statuses: wrote the {} this node remembers", mirror.size());
        }
        Set<Long> during = ConcurrentHashMap.newKeySet();
        newsDuringLoad = during;
        try {
            Map<Long, PresenceStatus> stored = new java.util.HashMap<>();
            ScanIterator<KeyValue<byte[], byte[]>> it = ScanIterator.hscan(redis, keys.status());
            while (it.hasNext()) {
                KeyValue<byte[], byte[]> kv = it.next();
                if (java.util.Arrays.equals(kv.getKey(), KEPT)) continue;
                PresenceStatus s = PresenceStatus.forNumber((int) RedisKeys.parse(kv.getValue()));
                if (s != null) stored.put(RedisKeys.parse(kv.getKey()), s);
            }
            for (Long u : Set.copyOf(mirror.keySet())) {
                if (!stored.containsKey(u) && !during.contains(u) && !unwritten.contains(u)) mirror.remove(u);
            }
            stored.forEach((u, s) -> {
                if (!during.contains(u) && !unwritten.contains(u)) keep(u, s);
            });
        } finally {
            newsDuringLoad = null;
        }
    }

    private void keep(long userId, PresenceStatus status) {
        if (status == PresenceStatus.ONLINE) mirror.remove(userId);
        else mirror.put(userId, status);
    }
}
