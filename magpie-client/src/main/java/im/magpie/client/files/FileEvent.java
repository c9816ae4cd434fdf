package im.magpie.client.files;

import java.nio.file.Path;

/**
 * What {@link FileTransfers} tells its listeners. A closed set: test with {@code instanceof}.
 * Delivered on a library thread, one at a time per transfer; do not block in a listener.
 */
public sealed interface FileEvent {

    /** Someone offered the current user a file (it is complete on the server: accept or decline it). */
    record Offered(FileOffer offer) implements FileEvent {}

    /** A recipient accepted or declined a file the current user sent. */
    record Answered(long fileId, long recipientId, String name, boolean accepted) implements FileEvent {}

    /**
     * A transfer moved on.
     *
     * @param transport the {@link FileTransport#name()} carrying it ("relay", later "direct")
     */
    record Progress(long fileId, FileDirection direction, long bytesDone, long totalBytes, String transport)
            implements FileEvent {}

    /** A transfer finished: an upload the recipients can now fetch, or a download checked and saved at {@code file}. */
    record Completed(long fileId, FileDirection direction, Path file) implements FileEvent {}

    /**
     * A transfer stopped. {@code reason} is a {@code MagpieClientException} (the server refused, or
     * the connection was lost: try again, it resumes), a {@link FileIntegrityException} (the bytes
     * did not match the SHA-256) or an {@code IOException}'s unchecked wrapper (local disk).
     */
    record Failed(long fileId, FileDirection direction, RuntimeException reason) implements FileEvent {}
}
