package im.magpie.server.discovery;

import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code limit} replies per source address in each window. Fixed windows are enough here:
 * the point is that a spoofed source cannot make us send a stream to a victim. Memory is bounded:
 * at most {@code maxSources} addresses are tracked; when full, every entry of an older window is
 * dropped, and if all are current, new sources are refused until the window turns. Used by the
 * responder's single thread only.
 */
final class SourceRateLimiter {
    private record Window(long startMs, int count) {}

    private final Clock clock;
    private final int limit;
    private final long windowMs;
    private final int maxSources;
    private final Map<InetAddress, Window> windows = new HashMap<>();

    SourceRateLimiter(Clock clock, int limit, long windowMs, int maxSources) {
        this.clock = clock;
        this.limit = limit;
        this.windowMs = windowMs;
        this.maxSources = maxSources;
    }

    /** Counts one reply to {@code source} and says whether it may be sent. */
    boolean tryAcquire(InetAddress source) {
        long now = clock.millis();
        Window w = windows.get(source);
        if (w == null || now - w.startMs() >= windowMs) {
            if (w == null && windows.size() >= maxSources) {
                windows.values().removeIf(old -> now - old.startMs() >= windowMs);
                if (windows.size() >= maxSources) return false;
            }
            windows.put(source, new Window(now, 1));
            return true;
        }
        if (w.count() >= limit) return false;
        windows.put(source, new Window(w.startMs(), w.count() + 1));
        return true;
    }

    int trackedSources() {
        return windows.size();
    }
}
