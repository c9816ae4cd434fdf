package im.magpie.server.p2p;

import im.magpie.server.config.Setting;

/** Settings of direct-channel introductions (the server introduces; it never carries channel traffic). */
public final class P2pSettings {
    private P2pSettings() {}

    public static final Setting<Boolean> DIRECT_CHANNELS = Setting.flag("direct-channels", true,
            "introduce friends to each other for direct encrypted channels (false: every message goes through the server)");
    public static final Setting<Integer> INTRO_TIMEOUT_MILLIS = Setting.integer("direct-intro-timeout-ms", 3000, 100, 60_000,
            "how long an introduction waits for the callee's device to answer");
}
