package im.magpie.cli.bench;

import java.util.BitSet;

/**
 * Accounting of one stream: the messages one sender sent into one conversation, as seen by one
 * receiver. The sender side marks what it sent and what the server refused; the receiver side
 * marks what arrived. At the end every sent message is exactly one of: delivered, refused (an
 * error answer, never expected to arrive) or lost; arrivals beyond the first are duplicates, and
 * an arrival with a lower sequence than one already seen is reordered.
 * Not thread-safe: the receiver's marks come from its event loop; read the totals after the run.
 */
public final class StreamLedger {
    private final BitSet delivered = new BitSet();
    private long maxSeen = -1;
    private long duplicates;
    private long reordered;
    private long unexpected;

    public enum Arrival { FIRST, DUPLICATE, REORDERED, UNEXPECTED }

    /**
     * Marks the arrival of message {@code seq}.
     *
     * @param sentSoFar how many messages the sender had sent when it arrived (an arrival of a
     *                  sequence never sent is {@link Arrival#UNEXPECTED}); pass Long.MAX_VALUE if unknown
     */
    public Arrival arrived(long seq, long sentSoFar) {
        if (seq < 0 || seq >= sentSoFar || seq > Integer.MAX_VALUE) {
            unexpected++;
            return Arrival.UNEXPECTED;
        }
        int i = (int) seq;
        if (delivered.get(i)) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        delivered.set(i);
        if (seq < maxSeen) {
            reordered++;
            return Arrival.REORDERED;
        }
        maxSeen = seq;
        return Arrival.FIRST;
    }

    /** The final account, given the sender's side: how many it sent and which the server refused. */
    public Account account(long sent, BitSet refused) {
        int n = (int) Math.min(sent, Integer.MAX_VALUE);
        BitSet inRange = delivered.get(0, n);
        long beyond = delivered.cardinality() - inRange.cardinality(); // arrivals of sequences never sent
        BitSet missing = new BitSet();
        missing.set(0, n);
        missing.andNot(inRange);
        missing.andNot(refused);
        BitSet refusedInRange = refused.get(0, n);
        return new Account(sent, refusedInRange.cardinality(), inRange.cardinality(), missing.cardinality(), duplicates,
                reordered, unexpected + beyond);
    }

    /** Totals over streams; also what the JSON result reports. */
    public record Account(long sent, long refused, long delivered, long lost, long duplicates, long reordered,
                          long unexpected) {
        public static final Account ZERO = new Account(0, 0, 0, 0, 0, 0, 0);

        public Account plus(Account o) {
            return new Account(sent + o.sent, refused + o.refused, delivered + o.delivered, lost + o.lost,
                    duplicates + o.duplicates, reordered + o.reordered, unexpected + o.unexpected);
        }

        /** Delivered once each, nothing lost, doubled, reordered or made up. */
        public boolean clean() {
            return lost == 0 && duplicates == 0 && reordered == 0 && unexpected == 0;
        }
    }
}
