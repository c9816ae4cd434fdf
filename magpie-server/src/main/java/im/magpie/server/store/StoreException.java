package im.magpie.server.store;

/** The database failed (unreachable, migration, unexpected SQL error): our fault, not the client's. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
