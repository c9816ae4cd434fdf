package im.magpie.server.cluster.redis;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's copy of which other nodes each user has devices on, kept from the membership news
 * on the {@code all} channel and reloaded from Redis when a node syncs or after an outage, so that
 * {@code isOnline} and routing a push cost a map lookup, not a Redis round trip. Thread-safe.
 */
final class RemoteDirectory {
    private final Map<Long, Set<Integer>> nodesByUser = new ConcurrentHashMap<>();

    /** True if the user has a device on another node. */
    boolean isOnline(long userId) {
        return nodesByUser.containsKey(userId);
    }

    Set<Integer> nodesOf(long userId) {
        Set<Integer> nodes = nodesByUser.get(userId);
        return nodes == null ? Set.of() : Set.copyOf(nodes);
    }

    void add(long userId, int node) {
        nodesByUser.compute(userId, (u, set) -> {
            Set<Integer> next = set == null ? ConcurrentHashMap.newKeySet() : set;
            next.add(node);
            return next;
        });
    }

    /** Removes the node from the user; true if the user has no other node left. */
    boolean remove(long userId, int node) {
        boolean[] gone = {false};
        nodesByUser.computeIfPresent(userId, (u, set) -> {
            set.remove(node);
            gone[0] = set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        return gone[0];
    }

    /** Makes {@code users} the whole list of node's users; returns the users who left every node. */
    Set<Long> replaceNode(int node, Set<Long> users) {
        Set<Long> gone = new HashSet<>();
        for (Long u : Set.copyOf(nodesByUser.keySet())) {
            Set<Integer> nodes = nodesByUser.get(u);
            if (nodes != null && nodes.contains(node) && !users.contains(u) && remove(u, node)) gone.add(u);
        }
        for (Long u : users) add(u, node);
        return gone;
    }

    /** Forgets a dead node; returns the users who left every node. */
    Set<Long> dropNode(int node) {
        return replaceNode(node, Set.of());
    }

    Set<Integer> knownNodes() {
        Set<Integer> nodes = new HashSet<>();
        nodesByUser.values().forEach(nodes::addAll);
        return nodes;
    }
}
