package im.magpie.server.config;

import im.magpie.protocol.Limits;

/** Settings of the server core: network, TLS, storage, limits. */
public final class CoreSettings {
    private CoreSettings() {}

    public static final Setting<String> HOST = Setting.text("host", "0.0.0.0",
            "address to listen on");
    public static final Setting<Integer> PORT = Setting.integer("port", 7878, 0, 65535,
            "TCP port of the client protocol (0 = any free port)");
    public static final Setting<String> DATA_DIR = Setting.text("data-dir", "./magpie-data",
            "directory for the embedded database, certificate and other server data");
    public static final Setting<Boolean> TLS = Setting.flag("tls", true,
            "encrypt connections with TLS (a self-signed certificate is created on first start)");
    public static final Setting<String> TLS_CERT = Setting.text("tls-cert", "",
            "PEM certificate chain to use instead of the self-signed one");
    public static final Setting<String> TLS_KEY = Setting.text("tls-key", "",
            "PEM PKCS#8 private key for --tls-cert");
    public static final Setting<String> DB = Setting.text("db", "",
            "JDBC URL of the database (default: embedded H2 under the data directory); "
                    + "jdbc:postgresql://... or jdbc:mariadb://... / jdbc:mysql://... in production");
    public static final Setting<String> DB_USER = Setting.text("db-user", "", "database user");
    public static final Setting<String> DB_PASSWORD = Setting.text("db-password", "", "database password");
    public static final Setting<Integer> DB_POOL_SIZE = Setting.integer("db-pool-size", 10, 1, 200,
            "database connections in the pool");
    public static final Setting<Integer> DB_CONNECTION_TIMEOUT_MS = Setting.integer("db-connection-timeout-ms", 3000, 250, 600_000,
            "how long a request waits for a database connection before it is answered UNAVAILABLE; a failure to connect marks the database down");
    public static final Setting<Integer> DB_RETRY_AFTER_SECONDS = Setting.integer("db-retry-after-seconds", 5, 1, 3600,
            "while the database cannot be reached, requests that need it are answered UNAVAILABLE with this retry time");
    public static final Setting<Integer> MAX_FRAME_BYTES = Setting.integer("max-frame-bytes",
            Limits.DEFAULT_MAX_FRAME_BYTES, 1024, 64 * 1024 * 1024,
            "largest frame accepted; a larger one closes the connection");
    public static final Setting<Integer> HEARTBEAT_SECONDS = Setting.integer("heartbeat-seconds",
            Limits.DEFAULT_HEARTBEAT_INTERVAL_SECONDS, 1, 3600,
            "clients ping this often; a connection silent for 3 intervals is closed");
    public static final Setting<Integer> WORKER_THREADS = Setting.integer("worker-threads", 16, 1, 512,
            "threads for blocking work (database, password hashing)");
    public static final Setting<Integer> MAX_PENDING_REQUESTS = Setting.integer("max-pending-requests", 256, 1, 100_000,
            "requests one connection may have in flight; more are answered RATE_LIMITED");
    public static final Setting<Integer> MAX_OUTBOUND_BYTES = Setting.integer("max-outbound-bytes", 4 * 1024 * 1024,
            64 * 1024, 1024 * 1024 * 1024,
            "bytes queued for a client that does not read before it is disconnected");
    public static final Setting<Integer> SHUTDOWN_GRACE_SECONDS = Setting.integer("shutdown-grace-seconds", 10, 0, 600,
            "how long shutdown waits for requests in flight");
    public static final Setting<String> SERVER_NAME = Setting.text("server-name", "Magpie",
            "name shown to clients");
    public static final Setting<Integer> NODE_ID = Setting.integer("node-id", 0, 0, 1023,
            "this node's number in a cluster (part of every generated id)");
}
