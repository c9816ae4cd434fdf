package im.magpie.client.files;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import im.magpie.client.ErrorReason;
import im.magpie.client.MagpieClientException;
import im.magpie.client.files.internal.FileProtos;
import im.magpie.client.files.internal.Requester;
import im.magpie.client.files.internal.Sha256;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.protocol.proto.FileAnswerRequest;
import im.magpie.protocol.proto.FileChunk;
import im.magpie.protocol.proto.FileDownloadRequest;
import im.magpie.protocol.proto.FileInfo;
import im.magpie.protocol.proto.FileOfferRequest;
import im.magpie.protocol.proto.FileState;
import im.magpie.protocol.proto.FileStatusRequest;
import im.magpie.protocol.proto.FileUploadChunk;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.ListFilesRequest;
import im.magpie.protocol.proto.Peer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Files through the server: offer, upload in pieces of {@link #CHUNK_BYTES}, fetch in pieces, a
 * few pieces in flight at once ({@link #WINDOW}) so a round trip does not idle the connection.
 * At most {@code WINDOW} pieces of a transfer are in memory. Reaches anyone (offline recipients
 * fetch later), up to the server's size limit. The blocking loops run on the given executor.
 * The messenger's {@link FileTransfers} builds it over its session.
 */
public final class RelayedFileTransport implements FileTransport {
    /** The server's largest piece. */
    public static final int CHUNK_BYTES = 256 * 1024;
    /** Pieces in flight per transfer. */
    static final int WINDOW = 8;

    private final Requester requests;
    private final Executor executor;

    RelayedFileTransport(Requester requests, Executor executor) {
        this.requests = requests;
        this.executor = executor;
    }

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public boolean canReach(PeerRef to) {
        return true;
    }

    @Override
    public CompletableFuture<FileOffer> send(OutgoingFile file, TransferProgress progress) {
        Peer to = file.to().kind() == PeerKind.GROUP ? Peer.newBuilder().setGroupId(file.to().id()).build()
                : Peer.newBuilder().setUserId(file.to().id()).build();
        FileOfferRequest.Builder offer = FileOfferRequest.newBuilder().setTo(to).setName(file.name()).setSize(file.size())
                .setMimeType(file.mimeType()).setSha256(ByteString.copyFrom(HexFormat.of().parseHex(file.sha256())))
                .setThumbnail(ByteString.copyFrom(file.thumbnail()));
        return requests.request(Frame.newBuilder().setFileOffer(offer), Frame.BodyCase.FILE_INFO)
                .thenApplyAsync(f -> {
                    progress.onOffered(FileProtos.offer(f.getFileInfo()));
                    return upload(f.getFileInfo(), file.path(), progress);
                }, executor);
    }

    @Override
    public CompletableFuture<FileOffer> resumeSend(long fileId, Path source, TransferProgress progress) {
        return statusInfo(fileId).thenApplyAsync(info -> upload(info, source, progress), executor);
    }

    /** Restarts after a refused offset at most this often (then the CONFLICT stands). */
    static final int OFFSET_RETRIES = 3;

    FileOffer upload(FileInfo info, Path source, TransferProgress progress) { // package-private for a test
        FileInfo from = info;
        for (int attempt = 0; ; attempt++) {
            try {
                return FileProtos.offer(uploadFrom(from, source, progress));
            } catch (CompletionException e) {
                // Pieces an earlier connection had already sent can still be stored after the
                // status this upload started from: ask again where the server is, and go on there.
                boolean offsetMoved = unwrap(e) instanceof MagpieClientException m && m.errorReason() == ErrorReason.CONFLICT
                        && attempt < OFFSET_RETRIES;
                if (!offsetMoved) throw e;
                from = statusInfo(info.getFileId()).join();
                if (from.getState() != FileState.FILE_UPLOADING) return FileProtos.offer(from);
            }
        }
    }

    private FileInfo uploadFrom(FileInfo info, Path source, TransferProgress progress) {
        long size = info.getSize();
        FileInfo last = info;
        ArrayDeque<CompletableFuture<Frame>> window = new ArrayDeque<>();
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            if (in.size() != size) throw new IllegalStateException(source + " changed: it has " + in.size() + " bytes, the offer " + size);
            for (long at = info.getUploadedBytes(); at < size; ) {
                if (window.size() >= WINDOW) last = uploaded(window.poll(), size, progress);
                int n = (int) Math.min(CHUNK_BYTES, size - at);
                ByteBuffer piece = ByteBuffer.allocate(n);
                while (piece.hasRemaining()) {
                    if (in.read(piece, at + piece.position()) < 0) throw new IOException(source + " ended early");
                }
                window.add(requests.request(Frame.newBuilder().setFileUpload(FileUploadChunk.newBuilder()
                        .setFileId(info.getFileId()).setOffset(at).setData(UnsafeByteOperations.unsafeWrap(piece.array()))),
                        Frame.BodyCase.FILE_INFO));
                at += n;
            }
            while (!window.isEmpty()) last = uploaded(window.poll(), size, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // After a failure, wait for the pieces still in flight (they fail too), so a retry
            // starts from a server that has nothing more of ours queued.
            for (CompletableFuture<Frame> f : window) f.exceptionally(t -> null).join();
        }
        return last;
    }

    private static FileInfo uploaded(CompletableFuture<Frame> answer, long size, TransferProgress progress) {
        FileInfo info = answer.join().getFileInfo();
        progress.onProgress(info.getUploadedBytes(), size);
        return info;
    }

    @Override
    public CompletableFuture<Void> answer(long fileId, boolean accept) {
        return requests.request(Frame.newBuilder().setFileAnswer(FileAnswerRequest.newBuilder().setFileId(fileId).setAccept(accept)),
                Frame.BodyCase.OK).thenApply(f -> null);
    }

    @Override
    public CompletableFuture<Path> fetch(FileOffer offer, Path partial, TransferProgress progress) {
        return CompletableFuture.supplyAsync(() -> download(offer, partial, progress), executor);
    }

    private Path download(FileOffer offer, Path partial, TransferProgress progress) {
        long size = offer.size();
        String actual;
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long have = out.size();
            if (have > size) {
                out.truncate(0); // not a prefix of this file
                have = 0;
            }
            // The digest follows the pieces as they are written (they arrive in order); only a
            // prefix left by an interrupted fetch is read back.
            MessageDigest digest = Sha256.digest();
            Sha256.update(digest, out, have);
            ArrayDeque<CompletableFuture<Frame>> window = new ArrayDeque<>();
            byte[] piece = new byte[CHUNK_BYTES];
            long next = have;
            for (long at = have; at < size || !window.isEmpty(); ) {
                if (at < size && window.size() < WINDOW) {
                    window.add(requests.request(Frame.newBuilder().setFileDownload(FileDownloadRequest.newBuilder()
                            .setFileId(offer.fileId()).setOffset(at).setMaxBytes(CHUNK_BYTES)), Frame.BodyCase.FILE_CHUNK));
                    at = Math.min(size, at + CHUNK_BYTES);
                    continue;
                }
                FileChunk chunk = window.poll().join().getFileChunk();
                // One copy out of the frame: MessageDigest hashes an array much faster than a read-only buffer.
                int n = chunk.getData().size();
                if (chunk.getOffset() != next || n == 0 || n > CHUNK_BYTES || next + n > size) {
                    throw new IllegalStateException("the server sent bytes " + chunk.getOffset() + "+" + n + " of file "
                            + offer.fileId() + " where bytes from " + next + " were expected");
                }
                next += n;
                chunk.getData().copyTo(piece, 0);
                ByteBuffer data = ByteBuffer.wrap(piece, 0, n);
                long pos = chunk.getOffset();
                while (data.hasRemaining()) pos += out.write(data, pos);
                digest.update(piece, 0, n);
                progress.onProgress(pos, size);
            }
            out.force(false);
            actual = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!actual.equals(offer.sha256())) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new FileIntegrityException(offer.fileId(), offer.sha256(), actual);
        }
        return partial;
    }

    /** The file as the server describes it to this user. */
    public CompletableFuture<FileOffer> status(long fileId) {
        return statusInfo(fileId).thenApply(FileProtos::offer);
    }

    private CompletableFuture<FileInfo> statusInfo(long fileId) {
        return requests.request(Frame.newBuilder().setFileStatus(FileStatusRequest.newBuilder().setFileId(fileId)),
                Frame.BodyCase.FILE_INFO).thenApply(Frame::getFileInfo);
    }

    /** Files this user sent or was offered that have not expired, newest first. */
    public CompletableFuture<List<FileOffer>> list() {
        return requests.request(Frame.newBuilder().setListFiles(ListFilesRequest.getDefaultInstance()), Frame.BodyCase.FILE_LIST)
                .thenApply(f -> f.getFileList().getFilesList().stream().map(FileProtos::offer).toList());
    }

    /** A failure as the cause a caller wants to see (futures wrap it in CompletionException). */
    static RuntimeException unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }
}
