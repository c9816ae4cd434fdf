package im.magpie.server.cluster;

import im.magpie.protocol.proto.Frame;
import im.magpie.server.session.Connection;
import im.magpie.server.session.DeviceRef;
import im.magpie.server.session.SessionRegistry;

/** The single-node {@link Router}: the user's connections on this node. */
public final class LocalRouter implements Router {
    private final SessionRegistry sessions;
    private final int nodeId;

    public LocalRouter(SessionRegistry sessions) {
        this(sessions, 0);
    }

    /** @param nodeId this node's id, recorded in the device references it makes */
    public LocalRouter(SessionRegistry sessions, int nodeId) {
        this.sessions = sessions;
        this.nodeId = nodeId;
    }

    @Override
    public void push(long userId, Frame push) {
        for (Connection c : sessions.connectionsOf(userId)) c.send(push);
    }

    @Override
    public void pushExcept(long userId, Frame push, DeviceRef except) {
        boolean here = except != null && except.nodeId() == nodeId;
        for (Connection c : sessions.connectionsOf(userId)) {
            if (!here || !isDevice(c, except.sessionId())) c.send(push);
        }
    }

    /** Pushes to the user's devices here but the one logged in with {@code sessionId}. */
    public void pushExceptSession(long userId, Frame push, String sessionId) {
        for (Connection c : sessions.connectionsOf(userId)) {
            if (!isDevice(c, sessionId)) c.send(push);
        }
    }

    private static boolean isDevice(Connection c, String sessionId) {
        Connection.Identity who = c.identity();
        return who != null && who.sessionId().equals(sessionId);
    }

    @Override
    public DeviceRef device(Connection connection) {
        Connection.Identity who = connection.identity();
        if (who == null) throw new IllegalStateException("a device reference needs a logged-in connection");
        return new DeviceRef(who.userId(), who.sessionId(), nodeId);
    }

    @Override
    public boolean mayReach(long userId, DeviceRef except) {
        if (except != null && except.nodeId() != nodeId) return isOnline(userId);
        for (Connection c : sessions.connectionsOf(userId)) {
            if (except == null || !isDevice(c, except.sessionId())) return true;
        }
        return false;
    }

    @Override
    public boolean isOnline(long userId) {
        return sessions.isOnline(userId);
    }

    @Override
    public void disconnect(long userId, String sessionId) {
        for (Connection c : sessions.connectionsOf(userId)) {
            Connection.Identity who = c.identity();
            if (sessionId.isEmpty() || (who != null && sessionId.equals(who.sessionId()))) c.close("disconnected by the server");
        }
    }
}
