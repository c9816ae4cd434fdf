package im.magpie.server.group;

import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.server.cluster.Router;
import java.util.function.LongFunction;

/**
 * The presence of members as other members see it: online/offline from the router by default;
 * {@link #use} swaps in a richer source (the social feature's presence service: AWAY, BUSY, and
 * INVISIBLE shown as OFFLINE). Thread-safe.
 */
public final class MemberPresenceSource {
    private volatile LongFunction<PresenceStatus> source;

    MemberPresenceSource(Router router) {
        this.source = id -> router.isOnline(id) ? PresenceStatus.ONLINE : PresenceStatus.OFFLINE;
    }

    public void use(LongFunction<PresenceStatus> source) {
        this.source = source;
    }

    public PresenceStatus of(long userId) {
        PresenceStatus p = source.apply(userId);
        return p == null || p == PresenceStatus.INVISIBLE || p == PresenceStatus.PRESENCE_UNSPECIFIED
                ? PresenceStatus.OFFLINE : p;
    }

    public boolean isOnline(long userId) {
        return of(userId) != PresenceStatus.OFFLINE;
    }
}
