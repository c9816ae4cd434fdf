package im.magpie.server.file;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The running SHA-256 of uploads in progress, so the piece that completes a file need not read it
 * all back. Memory only and bounded ({@link #MAX_UPLOADS}, least recently used dropped): an upload
 * whose digest is missing (dropped, or begun before a restart) is hashed from disk at the end
 * instead, so correctness never depends on this cache. Thread-safe.
 */
final class UploadDigests {
    static final int MAX_UPLOADS = 256;

    private record Running(MessageDigest digest, long bytes) {}

    private final Map<Long, Running> running = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Running> eldest) {
            return size() > MAX_UPLOADS;
        }
    };

    /** Adds a piece stored at {@code offset}; a piece that does not continue the digest drops it. */
    synchronized void add(long fileId, long offset, byte[] piece) {
        Running r = running.get(fileId);
        if (r == null && offset == 0) r = new Running(BlobStore.sha256(), 0);
        if (r == null || r.bytes() != offset) {
            running.remove(fileId);
            return;
        }
        r.digest().update(piece);
        running.put(fileId, new Running(r.digest(), offset + piece.length));
    }

    /** The hex SHA-256 of the first {@code size} bytes, if this cache followed the whole upload; forgets it. */
    synchronized Optional<String> finish(long fileId, long size) {
        Running r = running.remove(fileId);
        if (r == null || r.bytes() != size) return Optional.empty();
        return Optional.of(HexFormat.of().formatHex(r.digest().digest()));
    }

    synchronized void forget(long fileId) {
        running.remove(fileId);
    }
}
