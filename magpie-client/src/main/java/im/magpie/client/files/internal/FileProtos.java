package im.magpie.client.files.internal;

import im.magpie.client.files.FileOffer;
import im.magpie.client.files.FileState;
import im.magpie.client.history.PeerRef;
import im.magpie.protocol.proto.FileInfo;
import im.magpie.protocol.proto.InboxEvent;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** Wire messages of files to the public records (the transfers and the session's inbox notices). */
public final class FileProtos {
    private FileProtos() {}

    public static FileOffer offer(FileInfo f) {
        PeerRef to = f.getTo().hasGroupId() ? PeerRef.group(f.getTo().getGroupId()) : PeerRef.user(f.getTo().getUserId());
        FileState state = switch (f.getState()) {
            case FILE_READY -> FileState.READY;
            case FILE_EXPIRED -> FileState.EXPIRED;
            default -> FileState.UPLOADING;
        };
        return new FileOffer(f.getFileId(), f.getSenderId(), to, f.getName(), f.getSize(), f.getMimeType(),
                HexFormat.of().formatHex(f.getSha256().toByteArray()), f.getThumbnail().toByteArray(), state,
                f.getUploadedBytes(), Instant.ofEpochMilli(f.getCreatedMs()), Instant.ofEpochMilli(f.getExpiresMs()),
                f.getAccepted(), f.getDeclined());
    }

    /** The offer an inbox event carries, if it is a file offer. */
    public static Optional<FileOffer> offered(InboxEvent e) {
        return e.hasFileOffered() ? Optional.of(offer(e.getFileOffered().getFile())) : Optional.empty();
    }
}
