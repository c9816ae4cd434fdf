package im.magpie.desktop.model;

import java.nio.file.Path;

/**
 * A file or image in a conversation, as its bubble shows it. Immutable: {@link FileBoard} replaces
 * it as the transfer moves.
 *
 * @param key the board's name for it (an outgoing file has no file id until it is offered)
 * @param fileId the library's file id, 0 until offered
 * @param chat the conversation
 * @param senderId who sends it
 * @param outgoing whether this account sends it
 * @param name the file name
 * @param size its size in bytes
 * @param image whether it is an image (shown inline)
 * @param thumbnail a small JPEG the sender made, empty if none
 * @param state see {@link State}
 * @param bytesDone bytes moved so far (uploading or downloading)
 * @param localFile the file on this machine: the one sent, or the one received; null otherwise
 * @param failure why it failed, with {@link State#FAILED}
 * @param timeMs when it was offered (for its place among the messages)
 */
public record FileTransfer(String key, long fileId, ChatKey chat, long senderId, boolean outgoing, String name, long size,
                           boolean image, byte[] thumbnail, State state, long bytesDone, Path localFile, Failure failure,
                           long timeMs) {
    /** Where a transfer stands, seen from this side. */
    public enum State {
        /** Outgoing: hashed and offered, bytes going up. */
        UPLOADING,
        /** Outgoing: the recipients can fetch it (relay), waiting for an answer. */
        SENT,
        /** Outgoing: the recipient accepted it (or received it over the direct channel). */
        ACCEPTED,
        /** Incoming: waiting for accept or decline. */
        OFFERED,
        /** Incoming: accepted, bytes coming down. */
        DOWNLOADING,
        /** Incoming: saved as {@code localFile}. */
        RECEIVED,
        /** Declined (by this account, or, outgoing, by the recipient). */
        DECLINED,
        FAILED
    }

    public FileTransfer {
        thumbnail = thumbnail == null ? new byte[0] : thumbnail;
    }

    public boolean hasThumbnail() {
        return thumbnail.length > 0;
    }

    /** Bytes moving now: a progress bar shows. */
    public boolean inProgress() {
        return state == State.UPLOADING || state == State.DOWNLOADING;
    }

    FileTransfer with(State s, long done, Path file, Failure why) {
        return new FileTransfer(key, fileId, chat, senderId, outgoing, name, size, image, thumbnail, s, done, file, why,
                timeMs);
    }

    FileTransfer withId(long id) {
        return new FileTransfer(key, id, chat, senderId, outgoing, name, size, image, thumbnail, state, bytesDone,
                localFile, failure, timeMs);
    }
}
