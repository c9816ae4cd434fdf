package im.magpie.client.files;

import im.magpie.client.ChatRef;
import im.magpie.client.MessengerEvent.FileOffered;
import im.magpie.client.UserRef;
import im.magpie.client.files.internal.FileLink;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.client.p2p.ConversationPath;
import im.magpie.client.p2p.DirectChannelException;
import im.magpie.client.p2p.DirectChannels;
import im.magpie.client.p2p.DirectFileSink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Files to a friend over the direct channel ({@link DirectChannels#sendFile}), when the
 * conversation's path is {@link ConversationPath#DIRECT}: no size limit but the disk, and the server
 * stores nothing. The offer travels over the channel itself (name, size, SHA-256); the receiver's
 * {@link FileTransfers} announces it as a {@link FileOffered} like a relayed one and accepts
 * ({@link #fetch}) or declines ({@link #answer}) it through the same calls; the sender waits for
 * that answer while the channel lives. An interrupted transfer fails on both sides; sending the
 * same file again offers it again, and accepting it into the same directory resumes from the
 * receiver's partial file (or, if the path is no longer direct, the relay carries it afresh).
 *
 * <p>A direct offer's id is made from its transfer id (the file's SHA-256) with bit 62 set, so both
 * sides name it alike and it never meets a server's file id. The messenger builds it when direct
 * channels run and puts it before the relay. Thread-safe.
 */
public final class DirectFileTransport implements FileTransport, DirectFileSink {
    /** Marks ids of direct offers. */
    static final long DIRECT_ID_BIT = 1L << 62;

    private final DirectChannels channels;
    private final FileLink link;
    private final LongFunction<UserRef> users;
    private final Function<PeerRef, ChatRef> chats;
    private final Map<Long, Incoming> offers = new ConcurrentHashMap<>();

    /** An offer received over a channel, waiting for the user's answer and then for its bytes. */
    private static final class Incoming {
        final FileOffer offer;
        final CompletableFuture<Path> decision = new CompletableFuture<>();
        final CompletableFuture<Path> done = new CompletableFuture<>();
        volatile TransferProgress progress = TransferProgress.NONE;

        Incoming(FileOffer offer) {
            this.offer = offer;
        }
    }

    /** For the messenger: {@code users} and {@code chats} name the sender as other events do. */
    public DirectFileTransport(DirectChannels channels, FileLink link, LongFunction<UserRef> users,
                               Function<PeerRef, ChatRef> chats) {
        this.channels = channels;
        this.link = link;
        this.users = users;
        this.chats = chats;
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public boolean canReach(PeerRef to) {
        return to.kind() == PeerKind.USER && channels.path(to.id()) == ConversationPath.DIRECT;
    }

    /** True if {@code fileId} names a direct offer (received in this run, or sent). */
    public static boolean isDirect(long fileId) {
        return (fileId & DIRECT_ID_BIT) != 0;
    }

    static long fileIdOf(String transferId) {
        return Long.parseLong(transferId.substring(0, 15), 16) | DIRECT_ID_BIT;
    }

    @Override
    public CompletableFuture<FileOffer> send(OutgoingFile file, TransferProgress progress) {
        String transferId = file.sha256();
        Instant now = Instant.now();
        FileOffer offer = new FileOffer(fileIdOf(transferId), link.selfUserId(), file.to(), file.name(), file.size(),
                file.mimeType(), file.sha256(), file.thumbnail(), FileState.UPLOADING, 0, now, Instant.MAX, false, false);
        progress.onOffered(offer);
        return channels.sendFile(file.to().id(), file.path(), transferId, received -> progress.onProgress(received, file.size()))
                .thenApply(sent -> {
                    progress.onProgress(file.size(), file.size());
                    return new FileOffer(offer.fileId(), offer.senderId(), offer.to(), offer.name(), offer.size(),
                            offer.mimeType(), offer.sha256(), offer.thumbnail(), FileState.READY, file.size(), now,
                            Instant.MAX, true, false);
                });
    }

    /** Direct transfers resume by sending again (the receiver keeps the partial file), not by id. */
    @Override
    public CompletableFuture<FileOffer> resumeSend(long fileId, Path source, TransferProgress progress) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("send the file again to resume it"));
    }

    /** Declines ({@code accept} false) an offer that waits; accepting goes through {@link #fetch}. */
    @Override
    public CompletableFuture<Void> answer(long fileId, boolean accept) {
        Incoming in = offers.get(fileId);
        if (in == null) return CompletableFuture.failedFuture(new DirectChannelException("no direct offer " + fileId + " waits"));
        if (!accept) {
            offers.remove(fileId, in);
            in.decision.complete(null);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Accepts the offer into {@code partial} (resuming from its length) and completes once the bytes arrived and matched. */
    @Override
    public CompletableFuture<Path> fetch(FileOffer offer, Path partial, TransferProgress progress) {
        Incoming in = offers.get(offer.fileId());
        if (in == null) {
            return CompletableFuture.failedFuture(new DirectChannelException("no direct offer " + offer.fileId()
                    + " waits: the sender must send it again"));
        }
        in.progress = progress;
        in.decision.complete(partial);
        return in.done;
    }

    /** The offer the sender made over the channel, while it waits or arrives. */
    public java.util.Optional<FileOffer> offer(long fileId) {
        return java.util.Optional.ofNullable(offers.get(fileId)).map(in -> in.offer);
    }

    // ------------------------------------------------------------------------------ the channel's side

    @Override
    public Path accept(long fromUserId, String transferId, String name, long size) {
        return null; // offers come through offer(...)
    }

    @Override
    public CompletableFuture<Path> offer(long fromUserId, String transferId, String name, long size, String sha256) {
        long fileId = fileIdOf(transferId);
        Instant now = Instant.now();
        PeerRef self = PeerRef.user(link.selfUserId());
        FileOffer offer = new FileOffer(fileId, fromUserId, self, name, size, MimeTypes.of(Path.of(FileTransfers.safeName(name, fileId))),
                sha256, new byte[0], FileState.READY, size, now, Instant.MAX, false, false);
        Incoming in = new Incoming(offer);
        Incoming earlier = offers.put(fileId, in);
        if (earlier != null) earlier.decision.complete(null); // a newer offer of the same file replaces it
        link.publish(new FileOffered(offer, users.apply(fromUserId), chats.apply(PeerRef.user(fromUserId)), 0, now.toEpochMilli()));
        return in.decision;
    }

    @Override
    public void received(long fromUserId, String transferId, long bytes, long size) {
        Incoming in = offers.get(fileIdOf(transferId));
        if (in != null) in.progress.onProgress(bytes, size);
    }

    @Override
    public void interrupted(long fromUserId, String transferId, String reason) {
        Incoming in = offers.remove(fileIdOf(transferId));
        if (in != null) in.done.completeExceptionally(new DirectChannelException(reason + " (the partial file stays: accept it again when it is sent again)"));
    }

    @Override
    public void completed(long fromUserId, String transferId, Path partial) {
        Incoming in = offers.remove(fileIdOf(transferId));
        if (in != null) in.done.complete(partial);
    }
}
