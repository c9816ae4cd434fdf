package im.magpie.cli.bench.xmpp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's side of XEP-0198 stream management once {@code <enabled/>} has arrived: which of
 * the stanzas sent since then the server has said it handled ({@code <a h='n'/>} counts them all,
 * modulo 2^32), and how many stanzas came in (what to answer the server's {@code <r/>} with).
 * Each sent stanza is remembered by the id its sender wants back ({@link #NOT_TRACKED} for
 * stanzas nobody waits for).
 */
public final class StreamManagement {
    public static final long NOT_TRACKED = -1;
    private static final long MOD = 1L << 32;

    private final ArrayDeque<Long> unacked = new ArrayDeque<>();
    private long handledByServer;
    private long received;

    /** A stanza went out; {@code requestId} comes back from {@link #acknowledged} when the server has handled it. */
    public void sent(long requestId) {
        unacked.addLast(requestId);
    }

    /** A stanza (message, presence, iq) came in. */
    public void received() {
        received = (received + 1) % MOD;
    }

    /** What {@code <a h=.../>} says to the server's {@code <r/>}. */
    public long receivedCount() {
        return received;
    }

    public int unacknowledged() {
        return unacked.size();
    }

    /**
     * The server has handled {@code h} stanzas in all: the tracked ids it newly covers, in the
     * order sent.
     * @throws IllegalStateException if it claims more than were sent (a broken server or client)
     */
    public List<Long> acknowledged(long h) {
        long newly = Math.floorMod(h - handledByServer, MOD);
        if (newly > unacked.size()) {
            throw new IllegalStateException("server acknowledged " + newly + " stanzas but only " + unacked.size() + " are open");
        }
        List<Long> ids = new ArrayList<>((int) newly);
        for (long i = 0; i < newly; i++) {
            long id = unacked.removeFirst();
            if (id != NOT_TRACKED) ids.add(id);
        }
        handledByServer = h % MOD;
        return ids;
    }
}
