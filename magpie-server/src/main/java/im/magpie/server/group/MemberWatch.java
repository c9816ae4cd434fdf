package im.magpie.server.group;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.MemberPresence;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.server.cluster.Router;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.session.Connection;
import im.magpie.server.session.SessionListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live member presence for members who watch a group's member list (WatchMembersRequest): when a
 * member's first device logs in or last device logs out (or {@link #changed} is called, e.g. for a
 * status change), every watching member of each of their
 * groups gets a {@code MemberPresence} push with the member's presence and the group's new online
 * count. Pushes are not stored (a client that reconnects asks for the list again).
 *
 * <p>Watching is per user (all their devices get the pushes) and ends when they say so, when their
 * last device logs out, or when they stop being a member. Only members may watch. The map is in
 * memory on this node; a cluster would keep it per node with the router carrying the pushes.
 * Thread-safe; session callbacks only hand work to the executor.
 */
public final class MemberWatch implements SessionListener {
    private static final Logger log = LoggerFactory.getLogger(MemberWatch.class);

    private final GroupService groups;
    private final Router router;
    private final Executor workers;
    private final Map<Long, Set<Long>> watchersByGroup = new ConcurrentHashMap<>();
    private final MemberPresenceSource presence;

    MemberWatch(GroupService groups, MemberPresenceSource presence, Router router, Executor workers) {
        this.groups = groups;
        this.presence = presence;
        this.router = router;
        this.workers = workers;
    }

    /** Starts watching; members only (FORBIDDEN, or NOT_FOUND for a private group). */
    public void watch(long caller, long groupId) {
        List<Long> members = groups.memberIdsVisibleTo(caller, groupId);
        if (!members.contains(caller)) throw MagpieException.forbidden("group.not_member");
        watchersByGroup.computeIfAbsent(groupId, g -> ConcurrentHashMap.newKeySet()).add(caller);
    }

    public void unwatch(long caller, long groupId) {
        watchersByGroup.computeIfPresent(groupId, (g, set) -> {
            set.remove(caller);
            return set.isEmpty() ? null : set;
        });
    }

    /** True if the user watches the group (for tests and metrics). */
    public boolean isWatching(long userId, long groupId) {
        Set<Long> set = watchersByGroup.get(groupId);
        return set != null && set.contains(userId);
    }

    void membershipEnded(long groupId, long userId) {
        unwatch(userId, groupId);
    }

    @Override
    public void loggedIn(Connection connection, boolean firstDevice) {
        if (firstDevice) changed(connection.userId());
    }

    @Override
    public void loggedOut(Connection connection, boolean lastDevice) {
        if (!lastDevice) return;
        long user = connection.userId();
        for (Long groupId : watchersByGroup.keySet()) unwatch(user, groupId);
        changed(user);
    }

    /** A user's presence changed: tell the watchers of their groups (on a worker). */
    public void changed(long userId) {
        if (watchersByGroup.isEmpty()) return;
        try {
            workers.execute(() -> {
                try {
                    publish(userId);
                } catch (RuntimeException e) {
                    log.warn("member presence of user {} not pushed", userId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("member presence of user {} not pushed: shutting down", userId);
        }
    }

    private void publish(long userId) {
        PresenceStatus status = presence.of(userId);
        for (Map.Entry<Long, List<Long>> e : groups.coMembers(userId).entrySet()) {
            Set<Long> watchers = watchersByGroup.get(e.getKey());
            if (watchers == null || watchers.isEmpty()) continue;
            List<Long> members = e.getValue();
            int online = 0;
            for (long m : members) if (presence.isOnline(m)) online++;
            Frame push = Frame.newBuilder().setMemberPresence(MemberPresence.newBuilder()
                    .setGroupId(e.getKey()).setUserId(userId).setPresence(status).setOnlineCount(online)).build();
            for (long watcher : watchers) {
                if (members.contains(watcher)) router.push(watcher, push);
            }
        }
    }
}
