package im.magpie.client.files;

import im.magpie.client.history.PeerRef;
import java.time.Instant;
import java.util.Locale;

/**
 * A file offered from one user to a friend or a group, as the server (or, later, a peer) describes
 * it. Immutable; {@code thumbnail} is shared, do not modify it.
 *
 * @param sha256        lower-case hex SHA-256 of the whole file
 * @param thumbnail     a small JPEG the sender made for images; empty if none
 * @param uploadedBytes how much of the file the server holds (all of it once {@link FileState#READY})
 * @param accepted      the current user, a recipient, has accepted it
 * @param declined      the current user, a recipient, has declined it
 */
public record FileOffer(long fileId, long senderId, PeerRef to, String name, long size, String mimeType, String sha256,
                        byte[] thumbnail, FileState state, long uploadedBytes, Instant createdAt, Instant expiresAt,
                        boolean accepted, boolean declined) {

    /** True for image types (shown inline by front ends, and accepted automatically when small). */
    public boolean isImage() {
        return mimeType.toLowerCase(Locale.ROOT).startsWith("image/");
    }

    public boolean hasThumbnail() {
        return thumbnail.length > 0;
    }
}
