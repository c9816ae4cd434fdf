package im.magpie.client.files;

/** Which way a transfer goes, seen from this client. */
public enum FileDirection {
    UPLOAD,
    DOWNLOAD
}
