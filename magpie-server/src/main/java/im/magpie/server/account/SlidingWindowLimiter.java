package im.magpie.server.account;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key within a sliding window (e.g. failed logins per account). Memory is bounded:
 * at most {@code limit} timestamps per key, and at most {@code maxKeys} keys (expired keys are
 * purged when the map grows past it). Thread-safe per call; a check followed by a record is not
 * atomic (callers that need it synchronise).
 */
public final class SlidingWindowLimiter {
    private final Clock clock;
    private final int limit;
    private final long windowMs;
    private final int maxKeys;
    private final Map<String, ArrayDeque<Long>> events = new ConcurrentHashMap<>();

    public SlidingWindowLimiter(Clock clock, int limit, Duration window, int maxKeys) {
        this.clock = clock;
        this.limit = limit;
        this.windowMs = window.toMillis();
        this.maxKeys = maxKeys;
    }

    /** Seconds until another event is allowed for {@code key}; 0 if allowed now. */
    public long retryAfterSeconds(String key) {
        ArrayDeque<Long> times = events.get(key);
        if (times == null) return 0;
        long now = clock.millis();
        synchronized (times) {
            expire(times, now);
            if (times.size() < limit) return 0;
            long waitMs = times.peekFirst() + windowMs - now;
            return Math.max(1, (waitMs + 999) / 1000);
        }
    }

    public void record(String key) {
        long now = clock.millis();
        if (events.size() >= maxKeys) purge(now);
        ArrayDeque<Long> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
            while (times.size() > limit) times.removeFirst();
        }
    }

    public void reset(String key) {
        events.remove(key);
    }

    private void expire(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMs) times.removeFirst();
    }

    private void purge(long now) {
        for (Iterator<ArrayDeque<Long>> it = events.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Long> times = it.next();
            synchronized (times) {
                expire(times, now);
                if (times.isEmpty()) it.remove();
            }
        }
    }
}
