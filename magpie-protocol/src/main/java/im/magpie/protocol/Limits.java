package im.magpie.protocol;

/**
 * Protocol-wide bounds shared by server and clients. Every length and count that arrives from the
 * network is checked against one of these (or a server setting that defaults to one of these).
 */
public final class Limits {
    /** Default maximum size of one frame's body (the 4-byte length prefix not counted). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
    /** Default heartbeat interval; a connection silent for 3 intervals is closed. */
    public static final int DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 30;
    public static final int MISSED_HEARTBEATS_BEFORE_CLOSE = 3;

    public static final int USERNAME_MIN_CHARS = 3;
    public static final int USERNAME_MAX_CHARS = 32;
    public static final int NICKNAME_MAX_CHARS = 32;
    public static final int PASSWORD_MIN_CHARS = 8;
    public static final int PASSWORD_MAX_CHARS = 128;
    public static final int DEVICE_NAME_MAX_CHARS = 64;
    public static final int SIGNATURE_MAX_CHARS = 80;
    public static final int FRIEND_NOTE_MAX_CHARS = 200;
    public static final int CATEGORY_NAME_MAX_CHARS = 32;
    public static final int REMARK_MAX_CHARS = 32;
    public static final int SEARCH_MAX_RESULTS = 20;
    public static final int SEARCH_PREFIX_MIN_CHARS = 3;
    public static final int AVATAR_MAX_BYTES = 256 * 1024;
    public static final int AVATAR_MAX_PIXELS_PER_SIDE = 1024;
    public static final int TEXT_MAX_BYTES = 16 * 1024;
    public static final int CLIENT_MSG_ID_MAX_CHARS = 64;
    public static final int SYNC_PAGE_MAX = 500;
    public static final int HISTORY_PAGE_MAX = 200;
    public static final int GROUP_NAME_MAX_CHARS = 40;
    public static final int GROUP_ANNOUNCEMENT_MAX_CHARS = 500;

    private Limits() {}
}
