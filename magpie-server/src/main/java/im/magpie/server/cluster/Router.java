package im.magpie.server.cluster;

import im.magpie.protocol.proto.Frame;
import im.magpie.server.session.Connection;
import im.magpie.server.session.DeviceRef;

/**
 * Delivers pushes to a user's connected devices, wherever they are connected. One node: the local
 * {@link im.magpie.server.session.SessionRegistry}. Several nodes (later): Redis carries the push to
 * the nodes the user is on. Features push through this, never through connections directly, so
 * they work unchanged on a cluster. Delivery is best effort: what must not be lost is in the inbox,
 * and clients sync it.
 */
public interface Router {
    /** Pushes to every device of {@code userId}. */
    void push(long userId, Frame push);

    /** Pushes to every device of {@code userId} but {@code except} (e.g. the sender's own), on whichever node it is. */
    void pushExcept(long userId, Frame push, DeviceRef except);

    /** Like {@link #pushExcept(long, Frame, DeviceRef)}, naming the skipped device by its connection here. */
    default void pushExcept(long userId, Frame push, Connection except) {
        pushExcept(userId, push, device(except));
    }

    /** The reference of a device logged in on this node. */
    DeviceRef device(Connection connection);

    /** True if the user has at least one logged-in device (on any node). */
    boolean isOnline(long userId);

    /**
     * False only when a push to {@code userId} (but not to {@code except}, if given) would reach
     * nobody, so a caller may skip building it. May say true when nobody is reached (by default it
     * cannot tell a device on another node from {@code except}); a device that logs in meanwhile
     * syncs what it missed.
     */
    default boolean mayReach(long userId, DeviceRef except) {
        return isOnline(userId);
    }

    /**
     * Closes the user's connections on every node: the device logged in with session
     * {@code sessionId}, or all of them if it is empty (kicking a device, logging out everywhere;
     * revoke the session in the database first, so the device cannot simply resume).
     */
    void disconnect(long userId, String sessionId);

    /**
     * Hands {@code request}, made by {@code userId} on this node, to node {@code nodeId}, where state
     * it belongs to is kept (e.g. a direct-channel introduction waits on the caller's node).
     * Best effort, like pushes. False if that node is not one this router can reach (on one node:
     * never), so the caller answers as if the state were unknown.
     */
    default boolean relay(int nodeId, long userId, Frame request) {
        return false;
    }
}
