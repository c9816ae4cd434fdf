package im.magpie.client.files;

import im.magpie.client.history.PeerRef;
import java.nio.file.Path;

/**
 * A local file about to be offered, described once before any byte moves.
 *
 * @param sha256    lower-case hex SHA-256 of its content
 * @param thumbnail a small JPEG for images ({@link Thumbnails}); empty if none
 */
public record OutgoingFile(PeerRef to, Path path, String name, long size, String mimeType, String sha256, byte[] thumbnail) {}
