package im.magpie.client.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a file, read in pieces. */
public final class Sha256 {
    private static final int BUFFER_BYTES = 256 * 1024;

    private Sha256() {}

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the first {@code length} bytes of {@code channel} to {@code digest}. */
    public static void update(MessageDigest digest, FileChannel channel, long length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
        for (long at = 0; at < length; ) {
            buf.clear().limit((int) Math.min(BUFFER_BYTES, length - at));
            int n = channel.read(buf, at);
            if (n < 0) throw new IOException("the file ended before byte " + length);
            at += n;
            digest.update(buf.flip());
        }
    }

    public static String ofFile(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER_BYTES];
            for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
