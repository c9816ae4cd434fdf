package im.magpie.server.social;

import im.magpie.server.account.SlidingWindowLimiter;
import im.magpie.server.dispatch.MagpieException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps stored pictures (user and group avatars) bounded: each user may upload
 * {@code changesPerHour} pictures an hour (RATE_LIMITED beyond), and pictures nobody uses any more
 * (no user's avatar, no group's) are deleted once they have been unused for {@code keepUnused}.
 * The sweep runs after an upload, at most once per {@code keepUnused}, so stored pictures never
 * exceed the users and groups that show one plus the uploads of the last two such periods. The
 * grace period keeps a picture that was just stored from being swept before the profile or group
 * that chose it points at it. Thread-safe.
 */
final class AvatarUploads {
    private static final Logger log = LoggerFactory.getLogger(AvatarUploads.class);
    private static final int MAX_TRACKED_USERS = 200_000;

    private final ProfileStore store;
    private final Clock clock;
    private final SlidingWindowLimiter uploads;
    private final long keepUnusedMs;
    private final AtomicLong lastSweepMs = new AtomicLong(Long.MIN_VALUE / 2);

    AvatarUploads(ProfileStore store, Clock clock, int changesPerHour, Duration keepUnused) {
        this.store = store;
        this.clock = clock;
        this.uploads = new SlidingWindowLimiter(clock, changesPerHour, Duration.ofHours(1), MAX_TRACKED_USERS);
        this.keepUnusedMs = keepUnused.toMillis();
    }

    /** Counts an upload by {@code userId}, or throws RATE_LIMITED if they have had their share this hour. */
    void checkAndCount(long userId) {
        String key = Long.toString(userId);
        synchronized (uploads) { // check and record as one step: parallel uploads cannot exceed the limit
            long wait = uploads.retryAfterSeconds(key);
            if (wait > 0) throw MagpieException.rateLimited((int) Math.min(wait, Integer.MAX_VALUE), "social.avatar.too_often", wait);
            uploads.record(key);
        }
    }

    /** Deletes pictures unused for the grace period, unless a sweep ran within it. Never throws. */
    void sweepUnused() {
        long now = clock.millis();
        long last = lastSweepMs.get();
        if (now - last < keepUnusedMs || !lastSweepMs.compareAndSet(last, now)) return;
        try {
            int deleted = store.deleteUnusedImages(now - keepUnusedMs);
            if (deleted > 0) log.debug("deleted {} pictures nobody uses", deleted);
        } catch (RuntimeException e) {
            log.warn("deleting unused pictures failed (will retry after the next upload)", e);
        }
    }
}
