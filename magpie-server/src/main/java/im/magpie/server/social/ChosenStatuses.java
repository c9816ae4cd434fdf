package im.magpie.server.social;

import im.magpie.protocol.proto.PresenceStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statuses users chose (away, busy, invisible; online is the absence of a choice), as every
 * node must see them: in this node's memory alone ({@link #inMemory}), or mirrored from Redis on a
 * cluster ({@code cluster.redis.RedisStatuses}), so that a login answer on any node, even one
 * started after the choice, shows a friend busy or keeps them invisible. Reads never block.
 */
public interface ChosenStatuses {
    /** The user's choice, ONLINE if none. */
    PresenceStatus get(long userId);

    /** Records the user's choice (ONLINE clears it) where every node reads it; must not block. */
    void set(long userId, PresenceStatus status);

    /** One node: a map in memory, for the node's lifetime. */
    static ChosenStatuses inMemory() {
        Map<Long, PresenceStatus> chosen = new ConcurrentHashMap<>();
        return new ChosenStatuses() {
            @Override
            public PresenceStatus get(long userId) {
                return chosen.getOrDefault(userId, PresenceStatus.ONLINE);
            }

            @Override
            public void set(long userId, PresenceStatus status) {
                if (status == PresenceStatus.ONLINE) chosen.remove(userId);
                else chosen.put(userId, status);
            }
        };
    }
}
