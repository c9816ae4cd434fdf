package im.magpie.server.cluster.redis;

import java.nio.charset.StandardCharsets;

/**
 * The cluster's Redis key layout (every name starts with the cluster prefix, {@code magpie:} by
 * default). Written by {@link RedisRouter}.
 *
 * <pre>
 * {p}nodes                 SET of node ids that have started and not yet been reaped
 * {p}node:{n}              STRING, node n's advertised address; expires after 3 heartbeats
 *                          (PX), refreshed by every heartbeat: while it exists, n is alive
 * {p}node:{n}:users        SET of user ids with at least one device on node n (SADD at the
 *                          first device's login, SREM at the last one's logout); expires after
 *                          30 heartbeats unless refreshed, so a lone dead node leaves nothing behind
 * {p}reap:{n}              STRING, the node that is reaping dead node n (SET NX PX): exactly one
 *                          survivor tells the friends of n's users that they went offline
 * {p}status              HASH user id -> the PresenceStatus number they chose (AWAY, BUSY,
 *                          INVISIBLE; ONLINE deletes the field); no expiry: a choice lasts until
 *                          the user changes it (every node mirrors it: RedisStatuses); the field
 *                          "kept" marks a live hash: without it Redis lost it, and nodes write it back
 * {p}throttle:{c}:{key}    HASH of one login-throttle counter c (pair, account, address): failures,
 *                          guesses in flight, last failure, blocked until (RedisThrottleCounters);
 *                          expires two throttle windows after its last change
 * channel {p}to:{n}        pushes for users on node n (Envelope PUSH, PUSH_EXCEPT, DISCONNECT), requests relayed
 *                          to state kept on n (RELAY: a direct-channel answer to n's introduction)
 * channel {p}all           membership news for every node (ONLINE, OFFLINE, CHANGED, NODE_SYNC)
 * </pre>
 * Pub/sub, not Streams: a push that misses its node (Redis or the node briefly away) is never
 * lost, because the event is already committed to the recipient's inbox and the client syncs when
 * the heartbeat's latest sequence is ahead of it; what is delivered must be fresh rather than
 * replayed late, and pub/sub costs no storage or trimming per message.
 */
final class RedisKeys {
    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    byte[] nodes() {
        return bytes(prefix + "nodes");
    }

    byte[] node(int node) {
        return bytes(prefix + "node:" + node);
    }

    byte[] nodeUsers(int node) {
        return bytes(prefix + "node:" + node + ":users");
    }

    byte[] reap(int node) {
        return bytes(prefix + "reap:" + node);
    }

    byte[] toNode(int node) {
        return bytes(prefix + "to:" + node);
    }

    byte[] status() {
        return bytes(prefix + "status");
    }

    byte[] throttle(String counter, String key) {
        return bytes(prefix + "throttle:" + counter + ":" + key);
    }

    byte[] all() {
        return bytes(prefix + "all");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] number(long n) {
        return bytes(Long.toString(n));
    }

    static long parse(byte[] b) {
        return Long.parseLong(new String(b, StandardCharsets.UTF_8));
    }
}
