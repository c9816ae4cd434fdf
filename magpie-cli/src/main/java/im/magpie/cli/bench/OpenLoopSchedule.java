package im.magpie.cli.bench;

/**
 * The send times of an open-loop load: message {@code k} is due at {@code start + k * period},
 * whatever happened to earlier messages. Latency is measured from that intended time, not from when
 * the message actually left (which may be later if the load tool or the server fell behind), so a
 * stall is charged to every message it delayed: the correction for coordinated omission.
 */
public final class OpenLoopSchedule {
    private final long startNanos;
    private final double periodNanos;
    private final long limit;

    /**
     * @param ratePerSecond messages per second, &gt; 0
     * @param limit         how many messages in all (the schedule ends after the last)
     */
    public OpenLoopSchedule(long startNanos, double ratePerSecond, long limit) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0: " + limit);
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / ratePerSecond;
        this.limit = limit;
    }

    /** When message {@code k} should be sent. */
    public long intendedNanos(long k) {
        return startNanos + (long) (k * periodNanos);
    }

    /** How many messages are due by {@code nowNanos} (all of 0..n-1), capped at the limit. */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos) return 0;
        long due = (long) Math.floor((nowNanos - startNanos) / periodNanos) + 1;
        return Math.min(due, limit);
    }

    public long limit() {
        return limit;
    }

    /** Latency corrected for coordinated omission: from the intended send time to arrival. */
    public static long correctedLatencyNanos(long intendedNanos, long arrivedNanos) {
        return Math.max(0, arrivedNanos - intendedNanos);
    }
}
