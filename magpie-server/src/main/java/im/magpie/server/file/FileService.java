package im.magpie.server.file;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.FileAnswered;
import im.magpie.protocol.proto.FileChunk;
import im.magpie.protocol.proto.FileInfo;
import im.magpie.protocol.proto.FileOfferRequest;
import im.magpie.protocol.proto.FileOffered;
import im.magpie.protocol.proto.FileState;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.inbox.Delivery;
import im.magpie.server.inbox.Inbox;
import im.magpie.server.inbox.StoredEvent;
import im.magpie.server.message.GroupDirectory;
import im.magpie.server.social.SocialGraph;
import im.magpie.server.store.IdGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files relayed through the server (docs/protocol.md, "Files"): offer, resumable upload checked by
 * SHA-256, download by sender and recipients only, accept/decline, expiry. Rules are checked before
 * anything is written. The recipients hear of an offer (an inbox event, so offline ones get it by
 * sync) only once its bytes are complete and checked; the sender hears each answer the same way.
 * Blocking; runs on worker threads. Thread-safe: pieces of one upload are serialised by a lock
 * stripe per file id, so two devices of the sender cannot interleave writes.
 */
public final class FileService {
    private static final Logger log = LoggerFactory.getLogger(FileService.class);
    /** Largest piece of an upload or a download (a frame stays far below the 1 MiB limit). */
    public static final int CHUNK_MAX_BYTES = 256 * 1024;
    public static final int THUMBNAIL_MAX_BYTES = 32 * 1024;
    static final int NAME_MAX_CHARS = 255;
    static final int MIME_MAX_CHARS = 127;
    private static final int PURGE_BATCH = 500;

    /** The limits, from {@link FileSettings}. */
    public record Limits(long maxBytes, long quotaBytes, Duration expiry) {}

    private final FileStore store;
    private final BlobStore blobs;
    private final Inbox inbox;
    private final SocialGraph graph;
    private final Supplier<GroupDirectory> groups;
    private final IdGenerator ids;
    private final Clock clock;
    private final Limits limits;
    private final Object[] uploadLocks = new Object[64];
    private final UploadDigests digests = new UploadDigests();

    FileService(FileStore store, BlobStore blobs, Inbox inbox, SocialGraph graph, Supplier<GroupDirectory> groups,
                IdGenerator ids, Clock clock, Limits limits) {
        this.store = store;
        this.blobs = blobs;
        this.inbox = inbox;
        this.graph = graph;
        this.groups = groups;
        this.ids = ids;
        this.clock = clock;
        this.limits = limits;
        for (int i = 0; i < uploadLocks.length; i++) uploadLocks[i] = new Object();
    }

    public FileInfo offer(long senderId, FileOfferRequest req) {
        List<Long> recipients = recipients(senderId, req);
        checkName(req.getName());
        if (req.getSize() < 1) throw MagpieException.badRequest("file.size.bad");
        if (req.getSize() > limits.maxBytes()) throw MagpieException.tooLarge("file.too_large", req.getSize(), limits.maxBytes());
        if (req.getSha256().size() != 32) throw MagpieException.badRequest("file.sha.bad");
        if (req.getMimeType().length() > MIME_MAX_CHARS) throw MagpieException.badRequest("file.mime.bad");
        if (req.getThumbnail().size() > THUMBNAIL_MAX_BYTES) {
            throw MagpieException.tooLarge("file.thumbnail.too_large", THUMBNAIL_MAX_BYTES);
        }
        if (!req.getThumbnail().isEmpty() && !isJpegOrPng(req.getThumbnail())) throw MagpieException.badRequest("file.thumbnail.bad");
        long now = clock.millis();
        StoredFile file = new StoredFile(ids.next(), senderId, req.getTo().hasUserId() ? req.getTo().getUserId() : 0,
                req.getTo().hasGroupId() ? req.getTo().getGroupId() : 0, req.getName(), req.getSize(),
                req.getMimeType().isEmpty() ? "application/octet-stream" : req.getMimeType(),
                HexFormat.of().formatHex(req.getSha256().toByteArray()),
                req.getThumbnail().isEmpty() ? null : req.getThumbnail().toByteArray(),
                FileState.FILE_UPLOADING_VALUE, now, now + limits.expiry().toMillis());
        store.jdbi().useTransaction(tx -> {
            long used = store.bytesOffered(tx, senderId, now);
            if (used + file.size() > limits.quotaBytes()) {
                throw MagpieException.tooLarge("file.quota", used + file.size(), limits.quotaBytes(), limits.expiry().toDays());
            }
            store.insert(tx, file, recipients);
        });
        return FileProtos.info(file, 0, FileStore.ANSWER_NONE);
    }

    private List<Long> recipients(long senderId, FileOfferRequest req) {
        if (req.getTo().hasUserId()) {
            long to = req.getTo().getUserId();
            if (to == senderId) throw MagpieException.badRequest("file.peer.self");
            if (!graph.areFriends(senderId, to) || graph.eitherBlocks(senderId, to)) throw MagpieException.forbidden("file.not_friends");
            return List.of(to);
        }
        if (req.getTo().hasGroupId()) {
            List<Long> members = new ArrayList<>(groups.get().membersForPost(req.getTo().getGroupId(), senderId));
            members.remove(senderId);
            return members;
        }
        throw MagpieException.badRequest("file.peer.missing");
    }

    /** By its first bytes only: receivers decode thumbnails themselves, defensively. */
    private static boolean isJpegOrPng(ByteString b) {
        boolean jpeg = b.size() > 3 && (b.byteAt(0) & 0xff) == 0xff && (b.byteAt(1) & 0xff) == 0xd8 && (b.byteAt(2) & 0xff) == 0xff;
        boolean png = b.size() > 8 && (b.byteAt(0) & 0xff) == 0x89 && b.byteAt(1) == 'P' && b.byteAt(2) == 'N' && b.byteAt(3) == 'G';
        return jpeg || png;
    }

    private static void checkName(String name) {
        boolean bad = name.isEmpty() || name.length() > NAME_MAX_CHARS || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
        if (bad) throw MagpieException.badRequest("file.name.bad");
    }

    /** Stores one piece at its offset; the piece that completes the file checks its SHA-256 and offers it. */
    public FileInfo upload(long senderId, long fileId, long offset, ByteString data) {
        StoredFile file = live(fileId);
        if (file.senderId() != senderId) throw MagpieException.forbidden("file.upload.not_sender");
        if (file.state() != FileState.FILE_UPLOADING_VALUE) throw MagpieException.conflict("file.upload.done");
        if (data.isEmpty() || data.size() > CHUNK_MAX_BYTES) throw MagpieException.badRequest("file.chunk.bad", CHUNK_MAX_BYTES);
        synchronized (uploadLocks[(int) Math.floorMod(fileId, (long) uploadLocks.length)]) {
            try {
                long stored = blobs.uploaded(fileId);
                if (offset != stored) throw MagpieException.conflict("file.upload.offset", stored);
                if (offset + data.size() > file.size()) throw MagpieException.badRequest("file.upload.past_end");
                // One copy out of the frame: MessageDigest hashes an array much faster than a read-only buffer.
                byte[] piece = data.toByteArray();
                long now = blobs.append(fileId, offset, java.nio.ByteBuffer.wrap(piece));
                digests.add(fileId, offset, piece);
                if (now < file.size()) return FileProtos.info(file, now, FileStore.ANSWER_NONE);
                return complete(file);
            } catch (IOException e) {
                digests.forget(fileId);
                log.warn("cannot store an upload of file {}", fileId, e);
                throw MagpieException.unavailable("file.storage");
            }
        }
    }

    private FileInfo complete(StoredFile file) throws IOException {
        String actual = digests.finish(file.fileId(), file.size()).orElse(null);
        if (actual == null) actual = blobs.partialSha256(file.fileId()); // begun before a restart, or dropped from the cache
        if (!actual.equals(file.sha256())) {
            blobs.discardPartial(file.fileId());
            throw MagpieException.badRequest("file.hash_mismatch");
        }
        blobs.publish(file.fileId(), file.sha256());
        StoredFile ready = new StoredFile(file.fileId(), file.senderId(), file.toUserId(), file.toGroupId(), file.name(),
                file.size(), file.mimeType(), file.sha256(), file.thumbnail(), FileState.FILE_READY_VALUE,
                file.createdMs(), file.expiresMs());
        InboxEvent offered = InboxEvent.newBuilder()
                .setFileOffered(FileOffered.newBuilder().setFile(FileProtos.info(ready, ready.size(), FileStore.ANSWER_NONE)))
                .build();
        List<StoredEvent> events = store.jdbi().inTransaction(tx -> {
            if (!store.setState(tx, file.fileId(), FileState.FILE_UPLOADING_VALUE, FileState.FILE_READY_VALUE)) return List.of();
            List<Delivery> deliveries = new ArrayList<>();
            for (long user : store.recipients(tx, file.fileId())) deliveries.add(new Delivery(user, offered));
            deliveries.add(new Delivery(file.senderId(), offered)); // the sender's other devices
            return inbox.append(tx, deliveries);
        });
        inbox.publish(events);
        return FileProtos.info(ready, ready.size(), FileStore.ANSWER_NONE);
    }

    /** A piece of a ready file, for its sender or a recipient who has not declined it. */
    public FileChunk download(long userId, long fileId, long offset, int maxBytes) {
        StoredFile file = live(fileId);
        int answer = access(userId, file);
        if (answer == FileStore.ANSWER_DECLINED) throw MagpieException.forbidden("file.declined");
        if (file.state() != FileState.FILE_READY_VALUE) throw MagpieException.conflict("file.not_ready");
        if (offset < 0 || offset >= file.size()) throw MagpieException.badRequest("file.download.offset", offset, file.size());
        int max = maxBytes <= 0 || maxBytes > CHUNK_MAX_BYTES ? CHUNK_MAX_BYTES : maxBytes;
        try {
            ByteBuffer data = blobs.read(file.sha256(), offset, max);
            return FileChunk.newBuilder().setFileId(fileId).setOffset(offset)
                    .setData(com.google.protobuf.UnsafeByteOperations.unsafeWrap(data)).setLast(offset + data.limit() >= file.size()).build();
        } catch (IOException e) {
            log.warn("cannot read file {}", fileId, e);
            throw MagpieException.unavailable("file.storage");
        }
    }

    /** A recipient accepts or declines, once; the sender hears it through its inbox. */
    public void answer(long userId, long fileId, boolean accept) {
        StoredFile file = live(fileId);
        if (store.answer(fileId, userId).isEmpty()) throw MagpieException.forbidden("file.answer.not_recipient");
        InboxEvent answered = InboxEvent.newBuilder().setFileAnswered(FileAnswered.newBuilder()
                .setFileId(fileId).setUserId(userId).setAccepted(accept).setName(file.name())).build();
        List<StoredEvent> events = store.jdbi().inTransaction(tx -> {
            if (!store.setAnswer(tx, fileId, userId, accept ? FileStore.ANSWER_ACCEPTED : FileStore.ANSWER_DECLINED)) {
                throw MagpieException.conflict("file.answer.already");
            }
            return inbox.append(tx, List.of(new Delivery(file.senderId(), answered)));
        });
        inbox.publish(events);
    }

    /** The file as the caller (its sender or a recipient) sees it; for an upload, how far it got. */
    public FileInfo status(long userId, long fileId) {
        StoredFile file = live(fileId);
        int answer = access(userId, file);
        try {
            long uploaded = file.state() == FileState.FILE_READY_VALUE ? file.size() : blobs.uploaded(fileId);
            return FileProtos.info(file, uploaded, answer);
        } catch (IOException e) {
            throw MagpieException.unavailable("file.storage");
        }
    }

    public List<FileInfo> list(long userId) {
        List<FileInfo> out = new ArrayList<>();
        for (Map.Entry<StoredFile, Integer> e : store.listFor(userId, clock.millis())) {
            StoredFile f = e.getKey();
            long uploaded = f.state() == FileState.FILE_READY_VALUE ? f.size() : uploadedQuietly(f.fileId());
            out.add(FileProtos.info(f, uploaded, Math.max(0, e.getValue())));
        }
        return out;
    }

    /** Deletes expired offers, and each content no offer names any more. Returns the offers deleted. */
    public int purgeExpired() {
        List<StoredFile> expired = store.expired(clock.millis(), PURGE_BATCH);
        for (StoredFile f : expired) {
            boolean orphan = store.jdbi().inTransaction(tx -> {
                store.delete(tx, f.fileId());
                return !store.contentInUse(tx, f.sha256());
            });
            try {
                blobs.discardPartial(f.fileId());
                if (orphan) blobs.deleteContent(f.sha256());
            } catch (IOException e) {
                log.warn("cannot delete the content of expired file {}", f.fileId(), e);
            }
        }
        return expired.size();
    }

    private long uploadedQuietly(long fileId) {
        try {
            return blobs.uploaded(fileId);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The file if it exists and has not expired (an expired one is as good as gone). */
    private StoredFile live(long fileId) {
        StoredFile file = store.find(fileId).orElseThrow(() -> MagpieException.notFound("file.not_found"));
        if (file.expiredAt(clock.millis())) throw MagpieException.notFound("file.not_found");
        return file;
    }

    /** The caller's answer (NONE for the sender); FORBIDDEN for anyone else. */
    private int access(long userId, StoredFile file) {
        if (file.senderId() == userId) return FileStore.ANSWER_NONE;
        return store.answer(file.fileId(), userId).orElseThrow(() -> MagpieException.forbidden("file.forbidden"));
    }
}
