package im.magpie.server.session;

/**
 * One logged-in device of a user, wherever in a cluster it is connected: the user, the session the
 * device logged in with, and the node it is connected to. Services name devices by this rather than
 * by a node's {@link Connection} object, so a push can skip (or, later, address) a device on
 * another node. Made by {@code Router.device(connection)}.
 */
public record DeviceRef(long userId, String sessionId, int nodeId) {
    public DeviceRef {
        if (sessionId == null) throw new IllegalArgumentException("a device reference needs a session id");
    }
}
