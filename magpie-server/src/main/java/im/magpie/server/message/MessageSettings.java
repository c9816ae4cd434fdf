package im.magpie.server.message;

import im.magpie.server.config.Setting;

/** Settings of one-to-one and group messaging (store-and-forward, group commit, recall, retention). */
public final class MessageSettings {
    private MessageSettings() {}

    public static final Setting<Integer> RECALL_WINDOW_SECONDS = Setting.integer("recall-window-seconds", 120, 0, 86_400,
            "how long after sending the sender may recall (withdraw) a message");
    public static final Setting<Integer> RETENTION_DAYS = Setting.integer("message-retention-days", 0, 0, 36_500,
            "delete message contents older than this many days (0 = keep forever)");
    public static final Setting<Integer> SEND_QUEUE_CAPACITY = Setting.integer("send-queue-capacity", 10_000, 1, 1_000_000,
            "sends waiting for the writer; from half full, the connections sending are not read until it is down to a quarter; when full, new sends are answered UNAVAILABLE");
    public static final Setting<Integer> SEND_BATCH_MAX = Setting.integer("send-batch-max", 256, 1, 10_000,
            "most sends written in one transaction (group commit)");
    public static final Setting<Integer> SEND_BATCH_MAX_DELIVERIES = Setting.integer("send-batch-max-deliveries", 4096, 1, 1_000_000,
            "most inbox appends in one transaction (a group message is one per member); the first send of a batch always goes in");
    public static final Setting<Integer> WRITER_THREADS = Setting.integer("message-writer-threads", 1, 1, 64,
            "group-commit writers; conversations are partitioned among them, so each keeps its order");
    public static final Setting<Integer> SEND_HOLD_MILLIS = Setting.integer("send-hold-ms", 10_000, 0, 600_000,
            "while the database cannot be reached, sends are held this long (per outage) and written once it is back; then they are answered UNAVAILABLE");
    public static final Setting<Integer> SEND_ORDER_WAIT_SECONDS = Setting.integer("send-order-wait-seconds", 120, 1, 86_400,
            "after a send was answered UNAVAILABLE, the sender's later sends to that conversation are refused until it is sent again, for at most this long");
}
