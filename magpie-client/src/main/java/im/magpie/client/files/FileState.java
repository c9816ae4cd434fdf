package im.magpie.client.files;

/** Where a file offer stands on the server. */
public enum FileState {
    /** Offered; the sender is still uploading. */
    UPLOADING,
    /** Complete and checked: the recipients may fetch it. */
    READY,
    /** Past its expiry: gone from the server. */
    EXPIRED
}
