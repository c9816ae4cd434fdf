package im.magpie.server.account;

/**
 * Where {@link LoginThrottle} keeps its three counters of failed password checks: in this node's
 * memory ({@link LocalThrottleCounters}), or in Redis so that every node of a cluster sees the
 * same guesses ({@code cluster.redis.RedisThrottleCounters}). Each call is atomic over the three
 * counters; the rules (limits, doubling delays, forgetting after a quiet window) are
 * {@link LoginThrottle.Policy}'s and the same in every implementation.
 */
public interface ThrottleCounters {
    /** The three counters one guess counts against. */
    record Keys(String pair, String account, String address) {}

    /** What the password check found: right, wrong, or no answer (our failure: not counted). */
    enum Outcome { RIGHT, WRONG, NONE }

    /**
     * The result of {@link #reserve}: {@code waitMs} 0 means a guess is reserved, and must be
     * ended with {@code by.release}; otherwise nothing is reserved and the guess may start after
     * {@code waitMs}.
     */
    record Reservation(long waitMs, ThrottleCounters by) {}

    /**
     * Reserves one guess against all three counters, unless one of them refuses it now ({@code
     * knownAddress}: only the (account, address) counter may refuse).
     */
    Reservation reserve(Keys keys, boolean knownAddress, long nowMs);

    /** Ends a reservation made by this object; returns the limit this failure reached ("account+address", "account", "address") or null. */
    String release(Keys keys, Outcome outcome, long nowMs);
}
