package im.magpie.server.session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who is logged in on this node, and on which connections. Thread-safe. In a cluster the
 * node-to-node view lives in {@code im.magpie.server.cluster}; this registry is always local.
 */
public final class SessionRegistry {
    private final ConcurrentHashMap<Long, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    /** Every open connection, logged in or not (for shutdown notices and metrics). */
    public void opened(Connection connection) {
        all.add(connection);
    }

    /** Marks the connection logged in as {@code who}; false if it was closed meanwhile. */
    public boolean login(Connection connection, Connection.Identity who) {
        if (!connection.authenticate(who)) return false;
        boolean[] first = {false};
        byUser.compute(who.userId(), (id, set) -> {
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                first[0] = true;
            }
            set.add(connection);
            return set;
        });
        if (connection.state() == Connection.State.CLOSED) {
            // Closed while we were logging in: undo, so no ghost stays online.
            closed(connection);
            return false;
        }
        for (SessionListener l : listeners) l.loggedIn(connection, first[0]);
        return true;
    }

    /** Called once when a connection closes. */
    public void closed(Connection connection) {
        all.remove(connection);
        Connection.Identity who = connection.identity();
        if (who == null) return;
        boolean[] last = {false};
        boolean[] removed = {false};
        byUser.computeIfPresent(who.userId(), (id, set) -> {
            removed[0] = set.remove(connection);
            if (set.isEmpty()) {
                last[0] = true;
                return null;
            }
            return set;
        });
        if (removed[0]) {
            for (SessionListener l : listeners) l.loggedOut(connection, last[0]);
        }
    }

    public Set<Connection> connectionsOf(long userId) {
        Set<Connection> set = byUser.get(userId);
        return set == null ? Set.of() : Set.copyOf(set);
    }

    public boolean isOnline(long userId) {
        return byUser.containsKey(userId);
    }

    public Set<Connection> allConnections() {
        return Set.copyOf(all);
    }

    public int connectionCount() {
        return all.size();
    }

    public int onlineUserCount() {
        return byUser.size();
    }
}
