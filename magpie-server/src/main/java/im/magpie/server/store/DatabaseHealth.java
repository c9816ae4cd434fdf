package im.magpie.server.store;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database can be reached: UP, or DOWN from the first failure to connect (or a
 * connection lost) anyone reports with {@link #failed} until a probe, every {@code probeEvery} on
 * a thread of its own, gets a valid connection again. While it is DOWN requests are answered
 * UNAVAILABLE at once instead of each waiting for the pool's timeout, the send writers hold their
 * batches ({@link #awaitUp}), and {@code /health} says so. Thread-safe.
 */
public final class DatabaseHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);

    private enum State { UP, DOWN }

    private final DataSource dataSource;
    private final Duration probeEvery;
    private final int retryAfterSeconds;
    private final ScheduledExecutorService prober;
    private final Object monitor = new Object();
    private State state = State.UP; // guarded by monitor
    private long downSinceNanos;

    public DatabaseHealth(DataSource dataSource, Duration probeEvery, int retryAfterSeconds) {
        this.dataSource = dataSource;
        this.probeEvery = probeEvery;
        this.retryAfterSeconds = retryAfterSeconds;
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "magpie-db-health");
            t.setDaemon(true);
            return t;
        });
    }

    public boolean up() {
        synchronized (monitor) {
            return state == State.UP;
        }
    }

    /** What clients are told to wait before they try again while the database is down. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Reports a failure seen while using the database; trips DOWN if it says the database cannot
     * be reached. True if it is such a failure (the caller should answer UNAVAILABLE).
     */
    public boolean failed(Throwable failure) {
        if (!isUnavailable(failure)) return false;
        if (isConnectionFailure(failure)) trip(failure);
        return true;
    }

    /** Waits until the database is UP again or {@code deadlineNanos} (System.nanoTime) passes; true if UP. */
    public boolean awaitUp(long deadlineNanos) throws InterruptedException {
        synchronized (monitor) {
            while (state != State.UP) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return true;
        }
    }

    private void trip(Throwable cause) {
        synchronized (monitor) {
            if (state == State.DOWN) return;
            state = State.DOWN;
            downSinceNanos = System.nanoTime();
        }
        log.warn("database unreachable ({}); answering UNAVAILABLE until it is back", rootMessage(cause));
        schedule();
    }

    private void schedule() {
        try {
            prober.schedule(this::probe, probeEvery.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed: nobody asks any more
        }
    }

    private void probe() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                long downMs;
                synchronized (monitor) {
                    state = State.UP;
                    downMs = (System.nanoTime() - downSinceNanos) / 1_000_000;
                    monitor.notifyAll();
                }
                log.warn("database reachable again after {} ms", downMs);
                return;
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("database still unreachable: {}", rootMessage(e));
        }
        schedule();
    }

    /**
     * A failure that says "not now" rather than "wrong": the database cannot be reached, or no
     * pooled connection came within the pool's timeout.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
        }
        return isConnectionFailure(failure);
    }

    /** The database cannot be reached: SQLState class 08, a refused or broken socket. */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
                    || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.toString();
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
