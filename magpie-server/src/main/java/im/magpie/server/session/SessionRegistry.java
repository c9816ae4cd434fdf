package im.magpie.server.session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Who is logged in on this node, and on which connections. Thread-safe. In a cluster the
 * node-to-node view lives in {@code im.magpie.server.cluster}; this registry is always local.
 */
public final class SessionRegistry {
    /**
     * Each user's connections as an immutable list, replaced on login and logout (rare) so that a
     * push (every delivery of every message) reads it without copying or locking.
     */
    private final ConcurrentHashMap<Long, List<Connection>> byUser = new ConcurrentHashMap<>();
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
        byUser.compute(who.userId(), (id, list) -> {
            first[0] = list == null;
            return list == null ? List.of(connection) : with(list, connection);
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
        byUser.computeIfPresent(who.userId(), (id, list) -> {
            List<Connection> rest = without(list, connection);
            removed[0] = rest.size() < list.size();
            last[0] = rest.isEmpty();
            return rest.isEmpty() ? null : rest;
        });
        if (removed[0]) {
            for (SessionListener l : listeners) l.loggedOut(connection, last[0]);
        }
    }

    /** The user's connections on this node: an immutable snapshot. */
    public List<Connection> connectionsOf(long userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    private static List<Connection> with(List<Connection> list, Connection added) {
        return list.contains(added) ? list : Stream.concat(list.stream(), Stream.of(added)).toList();
    }

    private static List<Connection> without(List<Connection> list, Connection removed) {
        return list.stream().filter(c -> c != removed).toList();
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
