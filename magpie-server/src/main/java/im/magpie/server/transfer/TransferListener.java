package im.magpie.server.transfer;

/** Follows an export or import table by table (a progress bar, a log). Called on the copying thread. */
public interface TransferListener {
    /** A table begins; {@code expectedRows} is its row count when the export began. */
    default void tableStarted(String table, long expectedRows) {}

    /** {@code rows} more rows of the current table are done. */
    default void rowsCopied(long rows) {}

    default void tableFinished(String table, long rows) {}

    TransferListener NONE = new TransferListener() {};
}
