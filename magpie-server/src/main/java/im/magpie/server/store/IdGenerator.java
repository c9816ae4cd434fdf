package im.magpie.server.store;

import java.time.Clock;

/**
 * Generates 64-bit ids that are unique across nodes and roughly ordered by time, so all tables
 * use the same portable BIGINT keys (no database-specific auto-increment):
 * {@code milliseconds since 2024-01-01 (41 bits) | node id (10 bits) | counter (12 bits)}.
 * Thread-safe.
 */
public final class IdGenerator {
    private static final long EPOCH_MS = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final int NODE_BITS = 10;
    private static final int COUNTER_BITS = 12;
    private static final long MAX_COUNTER = (1L << COUNTER_BITS) - 1;

    private final Clock clock;
    private final long node;
    private long lastMs = -1;
    private long counter;

    public IdGenerator(Clock clock, int nodeId) {
        if (nodeId < 0 || nodeId >= (1 << NODE_BITS)) {
            throw new IllegalArgumentException("node id must be 0..1023: " + nodeId);
        }
        this.clock = clock;
        this.node = nodeId;
    }

    /** When {@code id} was made (epoch milliseconds), e.g. to check the clock has passed imported ids. */
    public static long millisOf(long id) {
        return (id >>> (NODE_BITS + COUNTER_BITS)) + EPOCH_MS;
    }

    public synchronized long next() {
        long now = Math.max(clock.millis() - EPOCH_MS, lastMs); // never go backwards with the clock
        if (now == lastMs) {
            counter++;
            if (counter > MAX_COUNTER) {
                now = lastMs + 1; // borrow from the next millisecond rather than spin
                counter = 0;
            }
        } else {
            counter = 0;
        }
        lastMs = now;
        return (now << (NODE_BITS + COUNTER_BITS)) | (node << COUNTER_BITS) | counter;
    }
}
