package im.magpie.client.files;

import im.magpie.client.ErrorReason;
import im.magpie.client.MagpieClientException;
import im.magpie.client.MessengerEvent;
import im.magpie.client.MessengerEvent.FileCompleted;
import im.magpie.client.MessengerEvent.FileFailed;
import im.magpie.client.MessengerEvent.FileOffered;
import im.magpie.client.MessengerEvent.FileProgress;
import im.magpie.client.files.internal.FileLink;
import im.magpie.client.files.internal.Sha256;
import im.magpie.client.history.PeerRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending and receiving files and images: {@code messenger.files()}. It
 * <ul>
 * <li>sends a file ({@link #send}): hashes it, makes a thumbnail for images ({@link Thumbnails}),
 *     offers it by the first {@link FileTransport} that reaches the recipient (the relay through the
 *     server unless a direct transport was added before it with
 *     {@code MessengerBuilder.fileTransport}), uploads it, and resumes an unfinished upload of the
 *     same file to the same peer instead of offering it twice ({@link PendingUploads}, kept in the
 *     account's profile directory);</li>
 * <li>accepts small offered images automatically when {@code MessengerBuilder.autoAcceptImages}
 *     is set;</li>
 * <li>accepts ({@link #accept}: fetch, resume from a partial file, SHA-256 check, then the file
 *     appears under its name) or declines ({@link #decline}) an offer.</li>
 * </ul>
 * Offers and answers reach the messenger's listeners as {@link MessengerEvent.FileOffered} and
 * {@link MessengerEvent.FileAnswered} (pushed, or synced after being offline); transfers report
 * {@link FileProgress}, {@link FileCompleted} and {@link FileFailed} the same way. Requests fail
 * with {@link im.magpie.client.MagpieConnectionException} while the messenger is not online.
 * Futures complete on library threads; closing the messenger stops transfers in progress (they
 * resume next time). Thread-safe.
 */
public final class FileTransfers {
    private static final Logger log = LoggerFactory.getLogger(FileTransfers.class);
    /** Images up to this size are accepted automatically when a download directory is set. */
    public static final long DEFAULT_AUTO_ACCEPT_IMAGE_BYTES = 5L * 1024 * 1024;

    /**
     * How a messenger's transfers behave (from {@code MessengerBuilder}).
     *
     * @param transports     tried before the relay, in order (e.g. the direct peer-to-peer one)
     * @param pendingUploads the file that remembers unfinished uploads
     * @param autoAcceptDir  where small offered images are saved automatically; null: never
     */
    public record Settings(List<FileTransport> transports, Path pendingUploads, Path autoAcceptDir,
                           long autoAcceptImageBytes) {
        public Settings {
            transports = List.copyOf(transports);
            Objects.requireNonNull(pendingUploads, "pendingUploads");
        }
    }

    private final ExecutorService executor;
    private final FileLink link;
    private final RelayedFileTransport relay;
    private final List<FileTransport> transports;
    /** The direct transport among them, or null: direct offers are accepted and declined through it. */
    private final DirectFileTransport direct;
    private final PendingUploads pending;
    private final Path autoAcceptDir;
    private final long autoAcceptImageBytes;
    private final Runnable detach;

    private FileTransfers(FileLink link, Settings settings) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "magpie-files-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.link = link;
        relay = new RelayedFileTransport(link, executor);
        List<FileTransport> all = new ArrayList<>(settings.transports());
        all.add(relay);
        this.transports = List.copyOf(all);
        this.direct = all.stream().filter(DirectFileTransport.class::isInstance).map(DirectFileTransport.class::cast)
                .findFirst().orElse(null);
        this.pending = new PendingUploads(settings.pendingUploads());
        this.autoAcceptDir = settings.autoAcceptDir();
        this.autoAcceptImageBytes = settings.autoAcceptImageBytes();
        this.detach = autoAcceptDir == null ? () -> { } : link.listen(this::autoAccept);
    }

    /** The messenger's wiring (front ends use {@code Messenger.files()}). */
    public static FileTransfers create(FileLink link, Settings settings) {
        return new FileTransfers(link, settings);
    }

    /** Describes a local file for sending: size, type, SHA-256 and, for images, a thumbnail. Blocking. */
    public static OutgoingFile describe(PeerRef to, Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) throw new IOException(p + " is not a file");
        String mime = MimeTypes.of(p);
        byte[] thumbnail = mime.startsWith("image/") ? Thumbnails.of(p).orElse(new byte[0]) : new byte[0];
        return new OutgoingFile(to, p, p.getFileName().toString(), Files.size(p), mime, Sha256.ofFile(p), thumbnail);
    }

    /**
     * Sends {@code path} to a friend or a group; completes once the recipients can fetch it. An
     * unfinished upload of the same content from the same path to the same peer is resumed.
     */
    public CompletableFuture<FileOffer> send(PeerRef to, Path path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return describe(to, path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor).thenCompose(this::send);
    }

    /** Sends a file already described with {@link #describe}. */
    public CompletableFuture<FileOffer> send(OutgoingFile file) {
        Optional<PendingUploads.Pending> earlier = pending.find(file.to(), file.sha256(), file.path());
        long[] fileId = {earlier.map(PendingUploads.Pending::fileId).orElse(0L)};
        FileTransport transport = transports.stream().filter(t -> t.canReach(file.to())).findFirst().orElse(relay);
        TransferProgress progress = new TransferProgress() {
            @Override
            public void onProgress(long done, long total) {
                link.publish(new FileProgress(fileId[0], FileDirection.UPLOAD, done, total, transport.name()));
            }

            @Override
            public void onOffered(FileOffer offer) {
                fileId[0] = offer.fileId();
                if (transport == relay) pending.add(offer.fileId(), file);
            }
        };
        CompletableFuture<FileOffer> result;
        if (earlier.isPresent()) {
            result = relay.resumeSend(fileId[0], file.path(), progress).exceptionallyCompose(failure -> {
                RuntimeException why = RelayedFileTransport.unwrap(failure);
                if (!(why instanceof MagpieClientException e) || e.errorReason() != ErrorReason.NOT_FOUND) return CompletableFuture.failedFuture(why);
                pending.remove(fileId[0]); // expired meanwhile: offer it afresh
                fileId[0] = 0;
                return transport.send(file, progress);
            });
        } else {
            result = transport.send(file, progress);
        }
        return result.whenComplete((offer, failure) -> {
            if (failure == null) {
                pending.remove(offer.fileId());
                link.publish(new FileCompleted(offer.fileId(), FileDirection.UPLOAD, file.path()));
            } else {
                link.publish(new FileFailed(fileId[0], FileDirection.UPLOAD, RelayedFileTransport.unwrap(failure)));
            }
        });
    }

    /** Continues an upload this profile began earlier (see {@link PendingUploads}). */
    public CompletableFuture<FileOffer> resume(PendingUploads.Pending upload) {
        try {
            return send(describe(upload.to(), upload.path()));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
    }

    /**
     * Accepts an offer and fetches it into {@code dir}: into {@code <name>.<id>.part} first (an
     * interrupted fetch continues from there), checked against its SHA-256, then renamed to its
     * name (with " (1)", " (2)", ... if that exists). Completes with the file.
     */
    public CompletableFuture<Path> accept(long fileId, Path dir) {
        boolean directly = direct != null && DirectFileTransport.isDirect(fileId);
        FileTransport carrier = directly ? direct : relay;
        CompletableFuture<FileOffer> described = !directly ? relay.status(fileId) : direct.offer(fileId)
                .map(CompletableFuture::completedFuture).orElseGet(() -> CompletableFuture.failedFuture(
                        new IllegalStateException("no direct offer " + fileId + " waits: the sender must send it again")));
        CompletableFuture<Path> result = described.thenCompose(offer -> {
            CompletableFuture<Void> answered = offer.accepted() || directly ? CompletableFuture.completedFuture(null)
                    : relay.answer(fileId, true);
            String name = safeName(offer.name(), fileId);
            Path partial = dir.resolve(name + "." + Long.toUnsignedString(fileId) + ".part");
            TransferProgress progress = (done, total) ->
                    link.publish(new FileProgress(fileId, FileDirection.DOWNLOAD, done, total, carrier.name()));
            return answered.thenCompose(ok -> {
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return carrier.fetch(offer, partial, progress);
            }).thenApply(done -> moveToFree(done, dir, name));
        });
        return result.whenComplete((file, failure) -> link.publish(failure == null
                ? new FileCompleted(fileId, FileDirection.DOWNLOAD, file)
                : new FileFailed(fileId, FileDirection.DOWNLOAD, RelayedFileTransport.unwrap(failure))));
    }

    /** Declines an offer; the sender is told. */
    public CompletableFuture<Void> decline(long fileId) {
        if (direct != null && DirectFileTransport.isDirect(fileId)) return direct.answer(fileId, false);
        return relay.answer(fileId, false);
    }

    /** Files this user sent or was offered through the server that have not expired, newest first. */
    public CompletableFuture<List<FileOffer>> list() {
        return relay.list();
    }

    /** Uploads begun by this account in this profile and not finished: sending the same file again resumes them. */
    public List<PendingUploads.Pending> pendingUploads() {
        return pending.all();
    }

    /** Offers come to every listener already (the session's inbox notices); this one saves small images. */
    private void autoAccept(MessengerEvent event) {
        if (!(event instanceof FileOffered offered)) return;
        FileOffer offer = offered.offer();
        if (offer.isImage() && offer.size() <= autoAcceptImageBytes && !offer.declined()) {
            accept(offer.fileId(), autoAcceptDir).exceptionally(failure -> {
                log.debug("automatic accept of file {} failed: {}", offer.fileId(), failure.toString());
                return null;
            });
        }
    }

    /** A name that stays inside the download directory whatever the sender wrote. */
    static String safeName(String name, long fileId) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").strip();
        if (base.isEmpty() || base.equals(".") || base.equals("..") || base.startsWith(".")) base = "file-" + Long.toUnsignedString(fileId) + base;
        return base.length() > 200 ? base.substring(0, 200) : base;
    }

    private static Path moveToFree(Path partial, Path dir, String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        try {
            for (int i = 0; ; i++) {
                Path target = dir.resolve(i == 0 ? name : stem + " (" + i + ")" + ext);
                if (Files.exists(target)) continue;
                try {
                    return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // someone took the name meanwhile: try the next
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops transfers in progress (their partial files stay, so they resume); the messenger calls it when it closes. */
    public void close() {
        detach.run();
        executor.shutdownNow();
    }
}
