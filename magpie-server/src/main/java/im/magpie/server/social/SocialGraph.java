package im.magpie.server.social;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Who is friends with whom, and who blocks whom: the facts other features check (only friends may
 * message each other; presence goes only to friends). Blocking; call from worker threads.
 * Thread-safe.
 */
public interface SocialGraph {

    boolean areFriends(long a, long b);

    /** True if {@code owner} has blocked {@code other}. */
    boolean blocks(long owner, long other);

    /** True if either has blocked the other. */
    default boolean eitherBlocks(long a, long b) {
        return blocks(a, b) || blocks(b, a);
    }

    List<Long> friendIds(long userId);

    /** Everyone {@code owner} blocks. */
    List<Long> blockedIds(long owner);

    /** Records that {@code owner} blocks {@code other}, within {@code tx}; idempotent. */
    void block(Handle tx, long owner, long other, long nowMs);

    /** Lifts the block; idempotent. */
    void unblock(Handle tx, long owner, long other);

    /** True if {@code a} and {@code b} are friends, read within {@code tx}. */
    boolean areFriends(Handle tx, long a, long b);

    /** True if either blocks the other, read within {@code tx}. */
    boolean eitherBlocks(Handle tx, long a, long b);

    /** Makes a and b friends within {@code tx} (both sides' rows); idempotent. */
    void befriend(Handle tx, long a, long b, long nowMs);

    /** Ends the friendship within {@code tx} (both sides); idempotent. */
    void unfriend(Handle tx, long a, long b);
}
