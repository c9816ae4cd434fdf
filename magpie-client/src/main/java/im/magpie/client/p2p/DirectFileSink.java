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
