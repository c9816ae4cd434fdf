package im.magpie.server.session;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Backpressure from one bounded queue to the connections that feed it. A connection whose request
 * finds the queue at its high mark is no longer read (its client's next requests wait in TCP
 * buffers, not in our memory); once the consumer has drained the queue to the low mark, every
 * connection paused for it is read again. Slowing a client down is cheaper than refusing it: a
 * refusal costs a read, an error frame and the client's retry, and under a stall (a GC pause, a
 * checkpoint) those take CPU from the consumer that has to catch up. Thread-safe.
 */
public final class QueueBackpressure {
    private final IntSupplier queued;
    private final int highMark;
    private final int lowMark;
    private final ConcurrentLinkedQueue<Connection> paused = new ConcurrentLinkedQueue<>();
    private final AtomicLong pauses = new AtomicLong();

    /** Marks for a queue of {@code capacity}: pause at half full, resume at a quarter. */
    public static QueueBackpressure forCapacity(int capacity, IntSupplier queued) {
        int high = Math.max(1, capacity / 2);
        return new QueueBackpressure(queued, high, high / 2);
    }

    /** {@code queued}: the queue's size now (read again at each decision, never a stale copy). */
    public QueueBackpressure(IntSupplier queued, int highMark, int lowMark) {
        if (highMark < 1 || lowMark < 0 || lowMark >= highMark) {
            throw new IllegalArgumentException("need 0 <= low < high, high >= 1: " + lowMark + ", " + highMark);
        }
        this.queued = queued;
        this.highMark = highMark;
        this.lowMark = lowMark;
    }

    /** After {@code from} queued a request. */
    public void queued(Connection from) {
        if (from != null && queued.getAsInt() >= highMark && from.pauseReading(Connection.ReadPause.SERVER_BUSY)) {
            paused.add(from);
            pauses.incrementAndGet();
        }
    }

    /**
     * After the consumer took from the queue (or found it idle). The size is read again before each
     * resume: a resumed connection can fill the queue again at once, and a connection paused again
     * meanwhile must stay paused (else this loop would chase it). One paused just after the check
     * is resumed all the same; it pauses again at its next request, so the queue overshoots the
     * high mark by about one request per call.
     */
    public void drained() {
        while (queued.getAsInt() <= lowMark) {
            Connection c = paused.poll();
            if (c == null) return;
            c.resumeReading(Connection.ReadPause.SERVER_BUSY);
        }
    }

    /** Connections paused for this queue now. */
    public int pausedConnections() {
        return paused.size();
    }

    /** How many times a connection was paused for this queue, since start. */
    public long pauses() {
        return pauses.get();
    }
}
