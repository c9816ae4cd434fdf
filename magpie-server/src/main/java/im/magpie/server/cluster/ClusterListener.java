package im.magpie.server.cluster;

/**
 * What node-local state hears from the rest of the cluster (the ports {@code MagpieServer} wires to
 * presence, group member watches and the inbox's latest sequences). Called on Redis client threads:
 * implementations hand real work to a worker and never block.
 */
public interface ClusterListener {
    /**
     * {@code userId} has no device on any node any more, as this node sees it. {@code announce}:
     * this node is the one to tell the user's friends (their node died or lost Redis, so nobody
     * else will); otherwise only forget what was last published for them.
     */
    default void offlineEverywhere(long userId, boolean announce) {}

    /** The user's devices or chosen status changed on another node: refresh views kept on this node. */
    default void remoteChange(long userId) {}

    /** This node's user is registered in Redis again after an outage: tell their friends again. */
    default void reannounce(long userId) {}

    /** An inbox event with sequence {@code seq} of {@code userId} came from another node. */
    default void remoteEvent(long userId, long seq) {}

    /**
     * Called at every heartbeat while Redis is unreachable, with the users connected to this node:
     * pushes from other nodes are not arriving, so their inbox heads are read from the database
     * (the heartbeat's latest sequence then tells their clients to sync).
     */
    default void whileDisconnected(java.util.Set<Long> localUsers) {}

    /** Another node relayed a request its user {@code userId} made that belongs to this node ({@link Router#relay}). */
    default void relayed(long userId, im.magpie.protocol.proto.Frame request) {}

    ClusterListener NONE = new ClusterListener() {};
}
