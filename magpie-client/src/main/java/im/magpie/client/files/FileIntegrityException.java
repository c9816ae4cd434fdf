package im.magpie.client.files;

/**
 * A downloaded file's SHA-256 is not the one it was offered with. The partial download has been
 * deleted, so accepting again fetches it from the start.
 */
public final class FileIntegrityException extends RuntimeException {
    private final long fileId;

    public FileIntegrityException(long fileId, String expected, String actual) {
        super("file " + fileId + " does not match its SHA-256 (expected " + expected + ", got " + actual + ")");
        this.fileId = fileId;
    }

    public long fileId() {
        return fileId;
    }
}
