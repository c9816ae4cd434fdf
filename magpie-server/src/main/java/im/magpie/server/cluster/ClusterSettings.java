package im.magpie.server.cluster;

import im.magpie.server.config.Setting;

/** Settings for running several nodes (see docs/deployment.md); none is needed on one node. */
public final class ClusterSettings {
    private ClusterSettings() {}

    public static final Setting<String> CLUSTER = Setting.text("cluster", "",
            "Redis URL shared by the nodes of a cluster (redis://host:6379, rediss:// for TLS, "
                    + "redis-sentinel://host:26379/0#mymaster); empty: one node, no Redis");
    public static final Setting<String> ADVERTISE = Setting.text("advertise", "",
            "the address clients and operators reach this node at (host:port), recorded in Redis; "
                    + "default: host and port of this node");
    public static final Setting<String> CLUSTER_PREFIX = Setting.text("cluster-prefix", "magpie:",
            "prefix of every Redis key and channel of this cluster (several clusters may share one Redis)");
    public static final Setting<Integer> CLUSTER_HEARTBEAT_SECONDS = Setting.integer("cluster-heartbeat-seconds", 2, 1, 60,
            "how often a node refreshes its entry in Redis; it counts as dead after three missed heartbeats");
}
