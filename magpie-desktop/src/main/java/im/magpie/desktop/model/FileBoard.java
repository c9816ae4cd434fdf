package im.magpie.desktop.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every file of a session, sent or offered, and where each transfer stands: fed by the library's
 * file events (through {@link DesktopEvent}) and by sends started here; the chats read their own
 * from it. FX thread only.
 *
 * <p>An outgoing file gets its file id only once offered, while progress events name it by id
 * already: an unknown upload id is given to the oldest outgoing file of that size still without one.
 */
public final class FileBoard {
    private final Map<String, FileTransfer> byKey = new LinkedHashMap<>();
    private final List<Consumer<ChatKey>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong localKeys = new AtomicLong();
    /** Files whose bytes went over a direct channel: done there means the friend has them. */
    private final java.util.Set<Long> direct = new java.util.HashSet<>();

    /** {@code changed} hears the conversation whose files changed. */
    public void addListener(Consumer<ChatKey> changed) {
        listeners.add(changed);
    }

    /** The files of one conversation, oldest first. */
    public List<FileTransfer> of(ChatKey chat) {
        return byKey.values().stream().filter(f -> f.chat().equals(chat)).toList();
    }

    public List<FileTransfer> all() {
        return List.copyOf(byKey.values());
    }

    /** A file this account starts sending; returns its key. */
    public String sending(ChatKey chat, long selfId, String name, long size, boolean image, byte[] thumbnail,
                          Path file, long nowMs) {
        String key = "out-" + localKeys.incrementAndGet();
        put(new FileTransfer(key, 0, chat, selfId, true, name, size, image, thumbnail, FileTransfer.State.UPLOADING, 0,
                file, null, nowMs));
        return key;
    }

    /** The send of {@code key} was offered as {@code fileId} and its bytes are up. */
    public void sent(String key, long fileId) {
        FileTransfer f = byKey.get(key);
        if (f != null) {
            FileTransfer.State s = f.state() == FileTransfer.State.UPLOADING ? FileTransfer.State.SENT : f.state();
            put(f.withId(fileId).with(s, f.size(), f.localFile(), f.failure()));
        }
    }

    /** The send of {@code key} failed before or while uploading. */
    public void sendFailed(String key, Failure why, boolean declined) {
        FileTransfer f = byKey.get(key);
        if (f != null) {
            put(f.with(declined ? FileTransfer.State.DECLINED : FileTransfer.State.FAILED, f.bytesDone(), f.localFile(),
                    why));
        }
    }

    /** An offer to this account (or a file it sent, listed by the server); kept once per file id. */
    public void offered(FileTransfer f) {
        FileTransfer known = byId(f.fileId());
        if (known == null) {
            put(f);
        }
    }

    public void progress(long fileId, boolean upload, long done, long total, boolean overDirectChannel) {
        if (overDirectChannel) {
            direct.add(fileId);
        }
        FileTransfer f = upload ? upload(fileId, total) : byId(fileId);
        if (f == null) {
            return;
        }
        FileTransfer.State s = upload ? FileTransfer.State.UPLOADING : FileTransfer.State.DOWNLOADING;
        if (f.state() == FileTransfer.State.UPLOADING || f.state() == FileTransfer.State.OFFERED
                || f.state() == FileTransfer.State.DOWNLOADING) {
            put(f.with(s, done, f.localFile(), null));
        }
    }

    /** An upload finished (over the direct channel: the friend has it) or a download was saved. */
    public void completed(long fileId, boolean upload, Path file) {
        FileTransfer f = byId(fileId);
        boolean delivered = direct.contains(fileId);
        if (f == null) {
            return;
        }
        if (upload) {
            FileTransfer.State s = delivered ? FileTransfer.State.ACCEPTED
                    : f.state() == FileTransfer.State.ACCEPTED ? f.state() : FileTransfer.State.SENT;
            put(f.with(s, f.size(), f.localFile(), null));
        } else {
            put(f.with(FileTransfer.State.RECEIVED, f.size(), file, null));
        }
    }

    public void failed(long fileId, Failure why, boolean declined) {
        FileTransfer f = byId(fileId);
        if (f != null) {
            put(f.with(declined ? FileTransfer.State.DECLINED : FileTransfer.State.FAILED, f.bytesDone(), f.localFile(),
                    why));
        }
    }

    /** The recipient answered an offer of this account. */
    public void answered(long fileId, boolean accepted) {
        FileTransfer f = byId(fileId);
        if (f != null && f.outgoing()) {
            put(f.with(accepted ? FileTransfer.State.ACCEPTED : FileTransfer.State.DECLINED, f.bytesDone(), f.localFile(),
                    null));
        }
    }

    /** This account accepted an offer: bytes are about to come. */
    public void accepting(long fileId) {
        FileTransfer f = byId(fileId);
        if (f != null && !f.outgoing()) {
            put(f.with(FileTransfer.State.DOWNLOADING, 0, null, null));
        }
    }

    public void declined(long fileId) {
        FileTransfer f = byId(fileId);
        if (f != null && !f.outgoing()) {
            put(f.with(FileTransfer.State.DECLINED, 0, null, null));
        }
    }

    public FileTransfer byId(long fileId) {
        if (fileId == 0) {
            return null;
        }
        return byKey.values().stream().filter(f -> f.fileId() == fileId).findFirst().orElse(null);
    }

    private FileTransfer upload(long fileId, long total) {
        FileTransfer known = byId(fileId);
        if (known != null || fileId == 0) {
            return known;
        }
        for (FileTransfer f : new ArrayList<>(byKey.values())) {
            if (f.outgoing() && f.fileId() == 0 && f.size() == total && f.state() == FileTransfer.State.UPLOADING) {
                FileTransfer named = f.withId(fileId);
                byKey.put(named.key(), named);
                return named;
            }
        }
        return null;
    }

    private void put(FileTransfer f) {
        byKey.put(f.key(), f);
        listeners.forEach(l -> l.accept(f.chat()));
    }
}
