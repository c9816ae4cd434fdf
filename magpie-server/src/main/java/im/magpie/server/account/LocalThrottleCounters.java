package im.magpie.server.account;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@link ThrottleCounters} of one node, in memory: at most {@value #MAX_TRACKED_KEYS} keys per
 * counter (see {@link #purge}). Also what a cluster node falls back to while Redis is unreachable.
 * Thread-safe (one lock: each call is short).
 */
public final class LocalThrottleCounters implements ThrottleCounters {
    static final int MAX_TRACKED_KEYS = 200_000;

    private final LoginThrottle.Policy policy;
    private final Map<String, Counter> pairs = new HashMap<>();
    private final Map<String, Counter> accounts = new HashMap<>();
    private final Map<String, Counter> addresses = new HashMap<>();

    public LocalThrottleCounters(LoginThrottle.Policy policy) {
        this.policy = policy;
    }

    @Override
    public synchronized Reservation reserve(Keys keys, boolean knownAddress, long now) {
        Counter pair = counter(pairs, keys.pair(), now);
        Counter acc = counter(accounts, keys.account(), now);
        Counter addr = counter(addresses, keys.address(), now);
        long waitMs = pair.waitMs(now, policy.pairFailures());
        if (!knownAddress) {
            waitMs = Math.max(waitMs, acc.waitMs(now, policy.accountFailures()));
            waitMs = Math.max(waitMs, addr.waitMs(now, policy.addressFailures()));
        }
        if (waitMs > 0) return new Reservation(waitMs, this);
        // Every guess counts against all three, known address or not; only the refusals differ.
        pair.inFlight++;
        acc.inFlight++;
        addr.inFlight++;
        return new Reservation(0, this);
    }

    @Override
    public synchronized String release(Keys keys, Outcome outcome, long now) {
        Counter pair = counter(pairs, keys.pair(), now);
        Counter acc = counter(accounts, keys.account(), now);
        Counter addr = counter(addresses, keys.address(), now);
        pair.inFlight--;
        acc.inFlight--;
        addr.inFlight--;
        String reached = null;
        if (outcome == Outcome.WRONG) {
            long window = policy.window().toMillis();
            if (pair.fail(now, policy.pairFailures(), policy.firstDelay().toMillis(), window)) reached = "account+address";
            if (acc.fail(now, policy.accountFailures(), window, window)) reached = "account";
            if (addr.fail(now, policy.addressFailures(), window, window)) reached = "address";
        } else if (outcome == Outcome.RIGHT) {
            pair.failures = 0;
            pair.blockedUntilMs = 0;
        }
        return reached;
    }

    /** Failures of one key: how many (reset when none for a window), reserved guesses, and a block. */
    private static final class Counter {
        int failures;
        int inFlight;
        long lastFailureMs;
        long blockedUntilMs;

        /** Milliseconds until a guess may start; 0 if one may start now. */
        long waitMs(long now, int limit) {
            if (now < blockedUntilMs) return blockedUntilMs - now;
            // At or over the limit, one guess at a time: its result decides the next delay.
            if (failures + inFlight >= limit && inFlight > 0) return 1000;
            return 0;
        }

        /** Counts a failure; true if it is the one that reaches the limit. */
        boolean fail(long now, int limit, long firstDelayMs, long maxDelayMs) {
            failures++;
            lastFailureMs = now;
            if (failures >= limit) {
                int doublings = Math.min(30, failures - limit);
                blockedUntilMs = now + Math.min(maxDelayMs, firstDelayMs << doublings);
            }
            return failures == limit;
        }

        boolean idle(long now, long windowMs) {
            return inFlight == 0 && now >= blockedUntilMs && now - lastFailureMs > windowMs;
        }
    }

    private Counter counter(Map<String, Counter> map, String key, long now) {
        long windowMs = policy.window().toMillis();
        Counter c = map.get(key);
        if (c != null && c.idle(now, windowMs)) c.failures = 0; // forgotten after a quiet window
        if (c == null) {
            if (map.size() >= MAX_TRACKED_KEYS) purge(map, now, windowMs);
            c = new Counter();
            map.put(key, c);
        }
        return c;
    }

    /**
     * Makes room at the key limit: idle keys go first; if the map is still over 90% full (a spray
     * of fresh keys), keys with no guess in flight are dropped until it is not, so the next purge
     * is at least a tenth of the limit away and its cost stays amortised. Dropping a key forgets
     * its failures: the memory bound wins over perfect memory, and it takes many addresses (each
     * limited by its own counter) to fill the map.
     */
    private static void purge(Map<String, Counter> map, long now, long windowMs) {
        for (Iterator<Counter> it = map.values().iterator(); it.hasNext(); ) {
            if (it.next().idle(now, windowMs)) it.remove();
        }
        int target = MAX_TRACKED_KEYS / 10 * 9;
        for (Iterator<Counter> it = map.values().iterator(); it.hasNext() && map.size() > target; ) {
            if (it.next().inFlight == 0) it.remove();
        }
    }
}
