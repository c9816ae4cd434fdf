package im.magpie.server.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded H2 file from filling up with dead page copies, a little at a time.
 *
 * <p>MVStore never overwrites a page: every store writes changed pages into a new chunk, and an old
 * chunk's space is reused only once none of its pages is live. Pages that are written once and then
 * left alone (an index leaf of a quiet conversation) keep old chunks alive, so something must copy
 * them forward. H2's own background compaction does, but it sizes each step from the unsaved-memory
 * limit that {@link H2Durability} raises to 512 MB: under message load it rewrote or moved hundreds
 * of megabytes at once, held the store lock for seconds, and cost about a quarter of the send rate,
 * without making the file any smaller (docs/benchmarks.md, sixth round). So the embedded URL turns
 * it off ({@code AUTO_COMPACT_FILL_RATE=0}) and this rewrites about {@link #REWRITE_BYTES} once a
 * second, and only while the chunks are less than {@link #TARGET_FILL_PERCENT} live.
 */
public final class H2Compaction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(H2Compaction.class);

    /** Chunks are rewritten while less than this share of what they hold is live. */
    static final int TARGET_FILL_PERCENT = 50;
    /** About this much is rewritten by one step (H2 takes chunks until their live pages reach it, so one more chunk at most). */
    static final int REWRITE_BYTES = 8 << 20;
    static final long PERIOD_MILLIS = 1000;

    private final MVStore store;
    private final ScheduledExecutorService timer;

    H2Compaction(MVStore store) {
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "magpie-h2-compaction");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts stepping through the store behind {@code durability} (a file store only). */
    static H2Compaction start(H2Durability durability) {
        H2Compaction compaction = new H2Compaction(durability.mvStore());
        compaction.timer.scheduleWithFixedDelay(compaction::stepQuietly, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return compaction;
    }

    /** One bounded step; true if it rewrote anything. */
    boolean step() {
        return !store.isClosed() && store.compact(TARGET_FILL_PERCENT, REWRITE_BYTES);
    }

    private void stepQuietly() {
        try {
            step();
        } catch (RuntimeException e) {
            log.warn("H2 compaction step failed (will try again): {}", e.toString());
        }
    }

    /** Stops the steps (before the database shuts down); waits for one under way. */
    @Override
    public void close() {
        timer.shutdown(); // not shutdownNow: an interrupt must not reach H2's file in the middle of a write
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
