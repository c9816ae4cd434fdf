package im.magpie.client.files;

import im.magpie.client.MagpieClient;
import im.magpie.client.MagpieClientException;
import im.magpie.client.Messenger;
import im.magpie.client.files.internal.FileLink;
import im.magpie.client.files.internal.FileProtos;
import im.magpie.client.files.internal.Sha256;
import im.magpie.client.history.PeerRef;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.InboxEvent;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending and receiving files and images: the API front ends use. Built on a {@link MagpieClient}
 * (a one-shot command) or a {@link Messenger} (a long-running front end), it
 * <ul>
 * <li>sends a file ({@link #send}): hashes it, makes a thumbnail for images ({@link Thumbnails}),
 *     offers it by the first {@link FileTransport} that reaches the recipient (the relay through the
 *     server unless a direct transport is added before it), uploads it, and resumes an unfinished
 *     upload of the same file to the same peer instead of offering it twice ({@link PendingUploads});</li>
 * <li>tells listeners of offers and answers as they arrive ({@link FileEvent}), and accepts small
 *     images automatically when {@link Builder#autoAcceptImages} is set;</li>
 * <li>accepts ({@link #accept}: fetch, resume from a partial file, SHA-256 check, then the file
 *     appears under its name) or declines ({@link #decline}) an offer.</li>
 * </ul>
 * Offers that arrived through the server's inbox are fetched from the server. Futures complete on
 * library threads; {@link #close} stops transfers in progress (they resume next time).
 */
public final class FileTransfers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileTransfers.class);
    /** Images up to this size are accepted automatically when a download directory is set. */
    public static final long DEFAULT_AUTO_ACCEPT_IMAGE_BYTES = 5L * 1024 * 1024;

    private final ExecutorService executor;
    private final RelayedFileTransport relay;
    private final List<FileTransport> transports;
    private final PendingUploads pending;
    private final LongSupplier selfId;
    private final Path autoAcceptDir;
    private final long autoAcceptImageBytes;
    private final List<Consumer<FileEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Runnable detach;

    private FileTransfers(Builder b) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "magpie-files-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        FileLink link = b.client != null ? FileLink.of(b.client)
                : FileLink.of(Objects.requireNonNull(b.messenger, "a client or a messenger"));
        relay = new RelayedFileTransport(link, executor);
        selfId = link::selfUserId;
        List<FileTransport> all = new ArrayList<>(b.transports);
        all.add(relay);
        this.transports = List.copyOf(all);
        this.pending = b.pendingUploads;
        this.autoAcceptDir = b.autoAcceptDir;
        this.autoAcceptImageBytes = b.autoAcceptImageBytes;
        this.detach = link.onInboxEvent(this::onInboxEvent); // last: events may come at once
    }

    public static Builder builder() {
        return new Builder();
    }

    public void addListener(Consumer<FileEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<FileEvent> listener) {
        listeners.remove(listener);
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
        Optional<PendingUploads.Pending> earlier = pending == null ? Optional.empty() : pending.find(file.to(), file.sha256(), file.path());
        long[] fileId = {earlier.map(PendingUploads.Pending::fileId).orElse(0L)};
        FileTransport transport = transports.stream().filter(t -> t.canReach(file.to())).findFirst().orElse(relay);
        TransferProgress progress = new TransferProgress() {
            @Override
            public void onProgress(long done, long total) {
                publish(new FileEvent.Progress(fileId[0], FileDirection.UPLOAD, done, total, transport.name()));
            }

            @Override
            public void onOffered(FileOffer offer) {
                fileId[0] = offer.fileId();
                if (pending != null && transport == relay) pending.add(offer.fileId(), file);
            }
        };
        CompletableFuture<FileOffer> result;
        if (earlier.isPresent()) {
            result = relay.resumeSend(fileId[0], file.path(), progress).exceptionallyCompose(failure -> {
                RuntimeException why = RelayedFileTransport.unwrap(failure);
                if (!(why instanceof MagpieClientException e) || e.code() != ErrorCode.NOT_FOUND) return CompletableFuture.failedFuture(why);
                pending.remove(fileId[0]); // expired meanwhile: offer it afresh
                fileId[0] = 0;
                return transport.send(file, progress);
            });
        } else {
            result = transport.send(file, progress);
        }
        return result.whenComplete((offer, failure) -> {
            if (failure == null) {
                if (pending != null) pending.remove(offer.fileId());
                publish(new FileEvent.Completed(offer.fileId(), FileDirection.UPLOAD, file.path()));
            } else {
                publish(new FileEvent.Failed(fileId[0], FileDirection.UPLOAD, RelayedFileTransport.unwrap(failure)));
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
        CompletableFuture<Path> result = relay.status(fileId).thenCompose(offer -> {
            CompletableFuture<Void> answered = offer.accepted() ? CompletableFuture.completedFuture(null) : relay.answer(fileId, true);
            String name = safeName(offer.name(), fileId);
            Path partial = dir.resolve(name + "." + Long.toUnsignedString(fileId) + ".part");
            TransferProgress progress = (done, total) ->
                    publish(new FileEvent.Progress(fileId, FileDirection.DOWNLOAD, done, total, relay.name()));
            return answered.thenCompose(ok -> {
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return relay.fetch(offer, partial, progress);
            }).thenApply(done -> moveToFree(done, dir, name));
        });
        return result.whenComplete((file, failure) -> publish(failure == null
                ? new FileEvent.Completed(fileId, FileDirection.DOWNLOAD, file)
                : new FileEvent.Failed(fileId, FileDirection.DOWNLOAD, RelayedFileTransport.unwrap(failure))));
    }

    /** Declines an offer; the sender is told. */
    public CompletableFuture<Void> decline(long fileId) {
        return relay.answer(fileId, false);
    }

    /** Files this user sent or was offered through the server that have not expired, newest first. */
    public CompletableFuture<List<FileOffer>> list() {
        return relay.list();
    }

    /** Uploads begun by this profile and not finished (empty without {@link Builder#pendingUploads}). */
    public List<PendingUploads.Pending> pendingUploads() {
        return pending == null ? List.of() : pending.all();
    }

    private void onInboxEvent(InboxEvent e) {
        if (e.hasFileAnswered()) {
            var a = e.getFileAnswered();
            publish(new FileEvent.Answered(a.getFileId(), a.getUserId(), a.getName(), a.getAccepted()));
            return;
        }
        Optional<FileOffer> offered = FileProtos.offered(e);
        if (offered.isEmpty() || offered.get().senderId() == selfId.getAsLong()) return; // my own, from another device
        FileOffer offer = offered.get();
        publish(new FileEvent.Offered(offer));
        if (autoAcceptDir != null && offer.isImage() && offer.size() <= autoAcceptImageBytes && !offer.declined()) {
            accept(offer.fileId(), autoAcceptDir).exceptionally(failure -> {
                log.debug("automatic accept of file {} failed: {}", offer.fileId(), failure.toString());
                return null;
            });
        }
    }

    private void publish(FileEvent event) {
        for (Consumer<FileEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("a file listener failed", e);
            }
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

    /** Stops transfers in progress (their partial files stay, so they resume) and stops listening. */
    @Override
    public void close() {
        detach.run();
        executor.shutdownNow();
    }

    /** What the transfers run on and how they behave. */
    public static final class Builder {
        private MagpieClient client;
        private Messenger messenger;
        private final List<FileTransport> transports = new ArrayList<>();
        private PendingUploads pendingUploads;
        private Path autoAcceptDir;
        private long autoAcceptImageBytes = DEFAULT_AUTO_ACCEPT_IMAGE_BYTES;

        private Builder() {}

        /** Over one connected, logged-in client. */
        public Builder client(MagpieClient client) {
            this.client = client;
            return this;
        }

        /** Over a messenger's session (offers also arrive by sync after being offline). */
        public Builder messenger(Messenger messenger) {
            this.messenger = messenger;
            return this;
        }

        /** A transport tried before the relay (e.g. the direct peer-to-peer one), in the order added. */
        public Builder transport(FileTransport transport) {
            transports.add(transport);
            return this;
        }

        /** Remember unfinished uploads in this file, so sending the same file again resumes. */
        public Builder pendingUploads(Path file) {
            this.pendingUploads = new PendingUploads(file);
            return this;
        }

        /** Accept offered images of at most {@code maxBytes} automatically, into {@code dir}. */
        public Builder autoAcceptImages(Path dir, long maxBytes) {
            this.autoAcceptDir = dir;
            this.autoAcceptImageBytes = maxBytes;
            return this;
        }

        public FileTransfers build() {
            return new FileTransfers(this);
        }
    }
}
