package im.magpie.server.session;

/**
 * Told when a user's devices come and go (e.g. presence). Called on the thread that logged the
 * connection in or closed it; implementations must not block — hand real work to an executor.
 */
public interface SessionListener {
    /** A connection logged in; {@code firstDevice} if the user had no other connection here. */
    default void loggedIn(Connection connection, boolean firstDevice) {}

    /** A logged-in connection closed; {@code lastDevice} if the user has no connection left here. */
    default void loggedOut(Connection connection, boolean lastDevice) {}
}
