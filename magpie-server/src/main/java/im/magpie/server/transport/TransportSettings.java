package im.magpie.server.transport;

import im.magpie.server.config.Setting;

/**
 * Settings that bound what a connection may cost before it logs in, and how long it may take
 * over the steps of the handshake and over a frame (slow-loris).
 */
public final class TransportSettings {
    private TransportSettings() {}

    public static final Setting<Integer> PRE_LOGIN_MAX_FRAME_BYTES = Setting.integer("pre-login-max-frame-bytes",
            8 * 1024, 256, 1024 * 1024,
            "largest frame accepted before login (Hello, register, login and resume need far less); a larger one closes the connection");
    public static final Setting<Integer> PRE_LOGIN_BUFFER_BYTES = Setting.integer("pre-login-buffer-bytes",
            16 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024,
            "bytes all connections that have not logged in may buffer together for frames still arriving; past it such a frame closes its connection (UNAVAILABLE)");
    public static final Setting<Integer> MAX_UNAUTHENTICATED_PER_ADDRESS = Setting.integer("max-unauthenticated-per-address",
            256, 1, 1_000_000,
            "connections from one address that have not logged in yet; one more is answered RATE_LIMITED and closed");
    public static final Setting<Integer> HELLO_DEADLINE_SECONDS = Setting.integer("hello-deadline-seconds", 10, 1, 3600,
            "a connection that has not sent its Hello this long after connecting is closed");
    public static final Setting<Integer> LOGIN_DEADLINE_SECONDS = Setting.integer("login-deadline-seconds", 60, 1, 86_400,
            "a connection that has not logged in (register, login or resume) this long after its Hello is closed");
    public static final Setting<Integer> FRAME_DEADLINE_SECONDS = Setting.integer("frame-deadline-seconds", 60, 1, 3600,
            "a frame whose first byte has arrived must be complete this long after, or the connection is closed");
}
