package im.magpie.client.files;

import im.magpie.client.history.PeerRef;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One way of moving a file's bytes between two users. {@link RelayedFileTransport} goes through the
 * server (bounded in size, stored for a while, works when the recipient is offline); a direct
 * transport over the peer-to-peer channel can be added by implementing this interface and putting
 * it before the relay in {@link FileTransfers.Builder#transport}: {@link FileTransfers} uses the
 * first transport that {@link #canReach} the recipient.
 *
 * <p>Contracts every implementation keeps: uploads and downloads stream in pieces (never a whole
 * file in memory); an interrupted transfer resumes ({@link #resumeSend}, or {@link #fetch} into a
 * partial file that already holds a prefix); {@link #fetch} checks the SHA-256 of the whole file
 * and fails with {@link FileIntegrityException} (deleting the partial file) when it differs.
 * Futures complete on a library thread.
 */
public interface FileTransport {

    /** A short name for people and logs: "relay", "direct". */
    String name();

    /** True if this transport can carry a file to {@code to} now. */
    boolean canReach(PeerRef to);

    /** Offers the file and uploads it; completes once the recipients can fetch it. */
    CompletableFuture<FileOffer> send(OutgoingFile file, TransferProgress progress);

    /** Continues the upload of an earlier offer from where the receiving side says it stopped. */
    CompletableFuture<FileOffer> resumeSend(long fileId, Path source, TransferProgress progress);

    /** Tells the sender this user accepts or declines the file. */
    CompletableFuture<Void> answer(long fileId, boolean accept);

    /**
     * Fetches the offered file into {@code partial}, continuing after the bytes it already holds,
     * and checks its SHA-256; completes with {@code partial}.
     */
    CompletableFuture<Path> fetch(FileOffer offer, Path partial, TransferProgress progress);
}
