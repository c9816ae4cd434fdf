package im.magpie.cli.bench;

import org.HdrHistogram.Histogram;

/**
 * Measurements made on one event loop, written only from that loop (so no locks), read after the
 * run (behind a barrier task on the loop). Latencies in microseconds.
 */
public final class LoopStats {
    /** Up to one minute in µs, 3 significant digits. */
    public static Histogram newHistogram() {
        return new Histogram(60_000_000L, 3);
    }

    public final Histogram latency = newHistogram();
    public final Histogram loginLatency = newHistogram();
    public final Histogram reconnectLatency = newHistogram();
    public long acks;
    public long errors;
    /** Errors by code ("UNAVAILABLE", "RATE_LIMITED", ...): why sends were refused. */
    public final java.util.Map<String, Long> errorsByCode = new java.util.TreeMap<>();
    public long deliveredInWindow;
    public long ackedInWindow;
    public long otherEvents;
    /** First arrivals of this phase's messages (delivered, whether in order or not). */
    public long arrivals;
    /** Messages of an earlier phase or run, ignored. */
    public long stale;
    /** Scheduled sends skipped because the sender's connection was down. */
    public long skipped;
    public long pongs;

    /** Starts a new measured phase (histograms and window counters); totals of accounting stay. */
    public void resetWindow() {
        latency.reset();
        deliveredInWindow = 0;
        ackedInWindow = 0;
        arrivals = 0;
        stale = 0;
        skipped = 0;
        errors = 0;
        errorsByCode.clear();
        acks = 0;
        otherEvents = 0;
    }
}
