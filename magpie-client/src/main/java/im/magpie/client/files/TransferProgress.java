package im.magpie.client.files;

/** Told how a transfer goes: once the offer exists, then after each piece. */
@FunctionalInterface
public interface TransferProgress {
    void onProgress(long bytesDone, long totalBytes);

    /** The offer was made (an upload knows its file id from here on, e.g. to resume it later). */
    default void onOffered(FileOffer offer) {
    }

    TransferProgress NONE = (done, total) -> { };
}
