package im.magpie.server.ops;

import im.magpie.server.config.Setting;

/** Settings of the admin HTTP endpoint. */
public final class OpsSettings {
    private OpsSettings() {}

    public static final Setting<Integer> ADMIN_PORT = Setting.integer("admin-port", 7879, -1, 65535,
            "HTTP port for /metrics (Prometheus) and /health; -1 turns it off, 0 picks a free port");
    public static final Setting<String> ADMIN_HOST = Setting.text("admin-host", "127.0.0.1",
            "address of the admin HTTP endpoint (loopback by default: metrics are not for the public)");
}
