package im.magpie.client.p2p;

import com.google.protobuf.UnsafeByteOperations;
import im.magpie.protocol.proto.DirectFileDone;
import im.magpie.protocol.proto.DirectFilePiece;
import im.magpie.protocol.proto.DirectFileProgress;
import im.magpie.protocol.proto.DirectFileResume;
import im.magpie.protocol.proto.DirectFileStart;
import im.magpie.protocol.proto.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Files over a direct channel: {@code DirectFileStart} (name, size, SHA-256) → the receiver's
 * {@code DirectFileResume} (how much it holds already, or declined) → {@code DirectFilePiece}s of
 * {@link #PIECE_BYTES} from there, at most {@link #WINDOW_BYTES} ahead of the receiver's
 * {@code DirectFileProgress} → {@code DirectFileDone} after the receiver checked the SHA-256.
 * Pieces stream from and to disk: never a whole file in memory. The receiver writes on the store
 * thread; a sender that runs more than twice the window ahead is cut off.
 */
final class FileStreams {
    static final int PIECE_BYTES = 256 * 1024;
    static final long WINDOW_BYTES = 8L * 1024 * 1024;
    static final long PROGRESS_EVERY_BYTES = 1024 * 1024;
    /** A sender that hears nothing from the receiver for this long gives the transfer up (it can be resumed). */
    static final long STALL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(15);

    /** What a finished transfer reports to the sender. */
    record Outcome(long resumedFrom, long size) {}

    private final DirectFileSink sink;
    private final Executor disk;
    private final Map<String, Outgoing> outgoing = new ConcurrentHashMap<>();
    private final Map<String, Incoming> incoming = new ConcurrentHashMap<>();

    FileStreams(DirectFileSink sink, Executor disk) {
        this.sink = sink;
        this.disk = disk;
    }

    // ------------------------------------------------------------------------------ sending

    private final class Outgoing {
        final DirectLink link;
        final String id;
        final Path file;
        final long size;
        final LongConsumer progress;
        final CompletableFuture<Outcome> result = new CompletableFuture<>();
        final AtomicLong acked = new AtomicLong();
        volatile long lastHeardNanos = System.nanoTime();
        long resumedFrom = -1;
        long next; // guarded by this
        InputStream in;

        Outgoing(DirectLink link, String id, Path file, long size, LongConsumer progress) {
            this.link = link;
            this.id = id;
            this.file = file;
            this.size = size;
            this.progress = progress;
        }

        /** Sends pieces while the window allows; runs on the disk thread. */
        synchronized void pump() {
            try {
                while (!result.isDone() && next < size && next - acked.get() < WINDOW_BYTES) {
                    int n = (int) Math.min(PIECE_BYTES, size - next);
                    byte[] data = in.readNBytes(n);
                    if (data.length != n) throw new IOException("the file shrank while it was sent");
                    link.channel().writeAndFlush(Frame.newBuilder().setDirectFilePiece(DirectFilePiece.newBuilder()
                            .setTransferId(id).setOffset(next).setData(UnsafeByteOperations.unsafeWrap(data))).build());
                    next += n;
                }
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }
    }

    CompletableFuture<Outcome> send(DirectLink link, String transferId, Path file, LongConsumer progress) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        disk.execute(() -> {
            try {
                long size = Files.size(file);
                String sha = sha256(file, size);
                Outgoing o = new Outgoing(link, transferId, file, size, progress);
                if (outgoing.putIfAbsent(transferId, o) != null) throw new IllegalStateException("transfer " + transferId + " runs already");
                o.result.whenComplete((ok, e) -> {
                    outgoing.remove(transferId, o);
                    closeQuietly(o.in);
                    if (e != null) done.completeExceptionally(e);
                    else done.complete(ok);
                });
                link.channel().writeAndFlush(Frame.newBuilder().setDirectFileStart(DirectFileStart.newBuilder()
                        .setTransferId(transferId).setName(file.getFileName().toString()).setSize(size).setSha256(sha)).build());
                watch(o);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Fails a transfer whose receiver has gone quiet, so that no caller waits forever. */
    private void watch(Outgoing o) {
        if (o.result.isDone()) return;
        boolean answered;
        synchronized (o) {
            answered = o.resumedFrom >= 0;
        }
        if (answered && System.nanoTime() - o.lastHeardNanos > STALL_NANOS) {
            o.result.completeExceptionally(new DirectChannelException("the peer stopped answering about the file"));
            return;
        }
        o.link.channel().eventLoop().schedule(() -> watch(o), 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void resumed(DirectFileResume resume) {
        Outgoing o = outgoing.get(resume.getTransferId());
        if (o == null) return;
        o.lastHeardNanos = System.nanoTime();
        if (resume.getDeclined()) {
            o.result.completeExceptionally(new DirectChannelException("the peer declined the file"));
            return;
        }
        disk.execute(() -> {
            try {
                long from = resume.getOffset();
                if (from > o.size) throw new IOException("the peer claims more than the file holds");
                o.in = Files.newInputStream(o.file);
                o.in.skipNBytes(from);
                synchronized (o) {
                    o.resumedFrom = from;
                    o.next = from;
                }
                o.lastHeardNanos = System.nanoTime();
                o.acked.set(from);
                if (from == o.size) return; // the peer holds it all: it checks the hash and says Done
                o.pump();
            } catch (IOException e) {
                o.result.completeExceptionally(e);
            }
        });
    }

    private void progressed(DirectFileProgress p) {
        Outgoing o = outgoing.get(p.getTransferId());
        if (o == null) return;
        o.lastHeardNanos = System.nanoTime();
        o.acked.accumulateAndGet(p.getReceived(), Math::max);
        o.progress.accept(p.getReceived());
        disk.execute(o::pump);
    }

    private void finished(DirectFileDone done) {
        Outgoing o = outgoing.get(done.getTransferId());
        if (o == null) return;
        if (done.getOk()) o.result.complete(new Outcome(Math.max(0, o.resumedFrom), o.size));
        else o.result.completeExceptionally(new DirectChannelException("the peer refused the file: " + done.getReason()));
    }

    // ------------------------------------------------------------------------------ receiving

    private static final class Incoming {
        final DirectLink link;
        final String id;
        final long from;
        final long size;
        final String sha256;
        final Path partial;
        final FileChannel out;
        final AtomicLong queuedBytes = new AtomicLong();
        long written; // disk thread only
        long lastProgress;

        Incoming(DirectLink link, String id, long from, long size, String sha256, Path partial, FileChannel out, long written) {
            this.link = link;
            this.id = id;
            this.from = from;
            this.size = size;
            this.sha256 = sha256;
            this.partial = partial;
            this.out = out;
            this.written = written;
            this.lastProgress = written;
        }
    }

    private void started(DirectLink link, DirectFileStart start) {
        String id = start.getTransferId();
        if (id.isEmpty() || id.length() > 64 || start.getSize() < 0 || !start.getSha256().matches("[0-9a-f]{64}")) {
            link.close("bad file offer");
            return;
        }
        sink.offer(link.peerUserId(), id, start.getName(), start.getSize(), start.getSha256())
                .whenCompleteAsync((partial, failure) -> begin(link, start, partial, failure), disk);
    }

    /** Disk thread: the receiver answered the offer. */
    private void begin(DirectLink link, DirectFileStart start, Path partial, Throwable failure) {
        String id = start.getTransferId();
        try {
            if (failure != null || partial == null) {
                link.channel().writeAndFlush(resume(id, 0, true));
                return;
            }
            if (!link.channel().isActive()) { // accepted after the channel closed: whoever waits hears it
                sink.interrupted(link.peerUserId(), id, "the direct channel closed before the file began");
                return;
            }
            FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long have = out.size();
            if (have > start.getSize()) {
                out.truncate(0);
                have = 0;
            }
            Incoming in = new Incoming(link, id, link.peerUserId(), start.getSize(), start.getSha256(), partial, out, have);
            Incoming earlier = incoming.put(id, in);
            if (earlier != null) closeQuietly(earlier.out);
            link.channel().writeAndFlush(resume(id, have, false));
            if (have == start.getSize()) complete(link, in);
        } catch (IOException | RuntimeException e) {
            link.channel().writeAndFlush(resume(id, 0, true));
        }
    }

    private void piece(DirectLink link, DirectFilePiece piece) {
        Incoming in = incoming.get(piece.getTransferId());
        if (in == null || in.link != link) {
            link.close("a piece of no transfer");
            return;
        }
        int n = piece.getData().size();
        if (in.queuedBytes.addAndGet(n) > 2 * WINDOW_BYTES) {
            link.close("the peer sends beyond the window");
            return;
        }
        disk.execute(() -> {
            in.queuedBytes.addAndGet(-n);
            if (incoming.get(in.id) != in) return;
            try {
                if (piece.getOffset() != in.written || in.written + n > in.size) {
                    throw new IOException("a piece out of place: " + piece.getOffset() + " (have " + in.written + ")");
                }
                ByteBuffer data = piece.getData().asReadOnlyByteBuffer();
                while (data.hasRemaining()) in.out.write(data, in.written + (n - data.remaining()));
                in.written += n;
                if (in.written == in.size) {
                    complete(link, in);
                } else if (in.written - in.lastProgress >= PROGRESS_EVERY_BYTES) {
                    in.lastProgress = in.written;
                    sink.received(in.from, in.id, in.written, in.size);
                    link.channel().writeAndFlush(Frame.newBuilder().setDirectFileProgress(DirectFileProgress.newBuilder()
                            .setTransferId(in.id).setReceived(in.written)).build());
                }
            } catch (IOException e) {
                incoming.remove(in.id, in);
                closeQuietly(in.out);
                link.close("cannot write a received file: " + e.getMessage());
            }
        });
    }

    /** Disk thread: the whole file is there; check its hash and tell the sender. */
    private void complete(DirectLink link, Incoming in) throws IOException {
        incoming.remove(in.id, in);
        in.out.force(true);
        in.out.close();
        boolean ok = sha256(in.partial, in.size).equals(in.sha256);
        sink.received(in.from, in.id, in.written, in.size);
        if (ok) {
            sink.completed(in.from, in.id, in.partial);
        } else {
            Files.deleteIfExists(in.partial); // a resume must not start from bad bytes
            sink.interrupted(in.from, in.id, "the received file did not match its SHA-256");
        }
        link.channel().writeAndFlush(Frame.newBuilder().setDirectFileDone(DirectFileDone.newBuilder()
                .setTransferId(in.id).setOk(ok).setReason(ok ? "" : "SHA-256 mismatch")).build());
    }

    /** True if the frame was a file frame (handled here). */
    boolean handle(DirectLink link, Frame frame) {
        switch (frame.getBodyCase()) {
            case DIRECT_FILE_START -> started(link, frame.getDirectFileStart());
            case DIRECT_FILE_RESUME -> resumed(frame.getDirectFileResume());
            case DIRECT_FILE_PIECE -> piece(link, frame.getDirectFilePiece());
            case DIRECT_FILE_PROGRESS -> progressed(frame.getDirectFileProgress());
            case DIRECT_FILE_DONE -> finished(frame.getDirectFileDone());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The link closed: its transfers fail (the receiver keeps its partial files for a resume). */
    void closed(DirectLink link) {
        outgoing.values().removeIf(o -> {
            if (o.link != link) return false;
            o.result.completeExceptionally(new DirectChannelException("the direct channel closed: " + link.closeReason()));
            return true;
        });
        incoming.values().removeIf(in -> {
            if (in.link != link) return false; // a newer link may carry the same transfer again
            disk.execute(() -> {
                closeQuietly(in.out);
                sink.interrupted(in.from, in.id, "the direct channel closed: " + link.closeReason());
            });
            return true;
        });
    }

    private static Frame resume(String id, long offset, boolean declined) {
        return Frame.newBuilder().setDirectFileResume(DirectFileResume.newBuilder()
                .setTransferId(id).setOffset(offset).setDeclined(declined)).build();
    }

    static String sha256(Path file, long size) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[PIECE_BYTES];
            long left = size;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; left -= n) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // closing
        }
    }
}
