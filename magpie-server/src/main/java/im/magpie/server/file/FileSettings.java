package im.magpie.server.file;

import im.magpie.server.config.Setting;

/** Settings of files relayed through the server. */
public final class FileSettings {
    private FileSettings() {}

    public static final Setting<Long> MAX_BYTES = Setting.longValue("file-max-bytes", 50L * 1024 * 1024, 1, 1L << 40,
            "largest file the server takes through it (bytes)");
    public static final Setting<Long> QUOTA_BYTES = Setting.longValue("file-quota-bytes", 1024L * 1024 * 1024, 1, 1L << 50,
            "bytes of unexpired files one user may have offered through the server at once");
    public static final Setting<Integer> EXPIRY_DAYS = Setting.integer("file-expiry-days", 7, 1, 3650,
            "days after its offer a file is deleted from the server");
}
