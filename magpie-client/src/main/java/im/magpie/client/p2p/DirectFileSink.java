package im.magpie.client.p2p;

import java.nio.file.Path;

/**
 * Where files received over direct channels go. {@link #accept} chooses the partial file (bytes it
 * already holds are not sent again: an interrupted transfer resumes); {@link #completed} gets it
 * once its SHA-256 matched. Both run on the channels' store thread.
 */
public interface DirectFileSink {
    /** The partial file to write to, or null to decline. */
    Path accept(long fromUserId, String transferId, String name, long size);

    /**
     * A friend offers a file: completes with the partial file to write to, or null to decline. The
     * sender waits for the answer (as long as the channel lives), so a person may decide. Runs on
     * the store thread and must not block; by default it answers with {@link #accept} at once.
     */
    default java.util.concurrent.CompletableFuture<Path> offer(long fromUserId, String transferId, String name, long size,
                                                              String sha256) {
        return java.util.concurrent.CompletableFuture.completedFuture(accept(fromUserId, transferId, name, size));
    }

    /** So many bytes of the file are written (about every MiB). */
    default void received(long fromUserId, String transferId, long bytes, long size) {}

    /** The channel broke before the file was whole; the partial file stays for a resume. */
    default void interrupted(long fromUserId, String transferId, String reason) {}

    /** The whole file arrived and its SHA-256 matched; the sink may move it. */
    void completed(long fromUserId, String transferId, Path partial);

    /** Declines every file. */
    DirectFileSink NONE = new DirectFileSink() {
        @Override
        public Path accept(long fromUserId, String transferId, String name, long size) {
            return null;
        }

        @Override
        public void completed(long fromUserId, String transferId, Path partial) {}
    };
}
