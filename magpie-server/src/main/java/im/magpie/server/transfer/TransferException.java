package im.magpie.server.transfer;

/** An export or import that cannot go on; the message says why in words an operator can act on. */
public class TransferException extends RuntimeException {
    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The target database already holds data and the import was not told to replace it. */
    public static final class TargetNotEmpty extends TransferException {
        public TargetNotEmpty(String table) {
            super("the target database is not empty (table " + table + " has rows); "
                    + "import into an empty database, or replace its data with --force");
        }
    }
}
