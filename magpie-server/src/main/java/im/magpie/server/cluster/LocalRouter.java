package im.magpie.server.cluster;

import im.magpie.protocol.proto.Frame;
import im.magpie.server.session.Connection;
import im.magpie.server.session.SessionRegistry;

/** The single-node {@link Router}: the user's connections on this node. */
public final class LocalRouter implements Router {
    private final SessionRegistry sessions;

    public LocalRouter(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void push(long userId, Frame push) {
        for (Connection c : sessions.connectionsOf(userId)) c.send(push);
    }

    @Override
    public void pushExcept(long userId, Frame push, Connection except) {
        for (Connection c : sessions.connectionsOf(userId)) {
            if (c != except) c.send(push);
        }
    }

    @Override
    public boolean mayReach(long userId, Connection except) {
        for (Connection c : sessions.connectionsOf(userId)) {
            if (c != except) return true;
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
