package im.magpie.server.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * File contents on disk under {@code <data-dir>/files}: uploads in progress as
 * {@code partial/<file id>.part} (their length is how far the upload got, so it resumes after a
 * restart too), finished contents as {@code blobs/<first two hex>/<sha256 hex>}, one copy per
 * content however many offers name it. Never holds a whole file in memory.
 */
final class BlobStore {
    private static final int HASH_BUFFER_BYTES = 256 * 1024;

    private final Path partial;
    private final Path blobs;

    BlobStore(Path root) throws IOException {
        this.partial = Files.createDirectories(root.resolve("partial"));
        this.blobs = Files.createDirectories(root.resolve("blobs"));
    }

    /** Bytes of the upload of {@code fileId} stored so far. */
    long uploaded(long fileId) throws IOException {
        Path p = partialPath(fileId);
        return Files.exists(p) ? Files.size(p) : 0;
    }

    /**
     * Appends at {@code offset}, which the caller checked equals {@link #uploaded}. Not forced to
     * disk piece by piece: what a crash loses is uploaded again, and what it damages fails the
     * SHA-256 check; {@link #publish} forces the whole file once.
     */
    long append(long fileId, long offset, ByteBuffer data) throws IOException {
        try (FileChannel ch = FileChannel.open(partialPath(fileId), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (ch.size() > offset) ch.truncate(offset); // a piece written half before a crash is written again whole
            long at = offset;
            while (data.hasRemaining()) at += ch.write(data, at);
            return at;
        }
    }

    /** Hex SHA-256 of the upload so far, read back in pieces. */
    String partialSha256(long fileId) throws IOException {
        try (InputStream in = Files.newInputStream(partialPath(fileId))) {
            MessageDigest digest = sha256();
            byte[] buf = new byte[HASH_BUFFER_BYTES];
            for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** Makes the finished upload the content {@code sha256} (dropping it if that content exists already). */
    void publish(long fileId, String sha256) throws IOException {
        Path target = blobPath(sha256);
        Files.createDirectories(target.getParent());
        Path source = partialPath(fileId);
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
            ch.force(true); // durable before anyone is told the file is there
        }
        if (Files.exists(target)) {
            Files.delete(source); // deduplicated: the same bytes are stored already
            return;
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(source);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target);
        }
    }

    void discardPartial(long fileId) throws IOException {
        Files.deleteIfExists(partialPath(fileId));
    }

    /** Up to {@code max} bytes of content {@code sha256} from {@code offset}. */
    ByteBuffer read(String sha256, long offset, int max) throws IOException {
        try (FileChannel ch = FileChannel.open(blobPath(sha256), StandardOpenOption.READ)) {
            long left = ch.size() - offset;
            ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(max, left)));
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) break;
            }
            return buf.flip();
        }
    }

    boolean exists(String sha256) {
        return Files.exists(blobPath(sha256));
    }

    void deleteContent(String sha256) throws IOException {
        Files.deleteIfExists(blobPath(sha256));
    }

    private Path partialPath(long fileId) {
        return partial.resolve(Long.toUnsignedString(fileId) + ".part");
    }

    private Path blobPath(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256: " + sha256);
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
