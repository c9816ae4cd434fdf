package im.magpie.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own. Left to
 * itself SQLite does that in whichever commit crosses its threshold ({@code wal_autocheckpoint},
 * 1,000 pages), so one send writer's batch in every few dozen would also write the pages back and
 * sync the file, and wait for it: a stall in the latency tail. A passive checkpoint runs beside the
 * writer (it never takes the write lock); the threshold stays, raised, as the fallback if this
 * thread ever falls behind.
 */
final class SqliteCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteCheckpoints.class);
    /** Pages in the log before a commit checkpoints by itself: only if this thread falls behind. */
    static final int FALLBACK_PAGES = 16_384;
    private static final long EVERY_MILLIS = 250;

    private final ScheduledExecutorService timer;

    private SqliteCheckpoints(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static SqliteCheckpoints start(DataSource ds) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sqlite-checkpoint");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> checkpoint(ds), EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
        return new SqliteCheckpoints(timer);
    }

    private static void checkpoint(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next(); // busy, log frames, frames checkpointed: nothing to act on
        } catch (SQLException | RuntimeException e) {
            log.warn("SQLite checkpoint: {}", e.getMessage()); // the commits' own checkpoints remain
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
