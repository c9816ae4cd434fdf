package im.magpie.server.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps a sender's messages to one conversation stored in the order the client sent them when
 * some are refused for a while (database down, writer full) and sent again. A refused send joins
 * its conversation's waiting line; from then on a send of that conversation is written only in
 * line order: the first waiting one, then (in the same batch, behind it) the next, and a send
 * that is not in line only after the whole line in that batch. Any other send is refused too and
 * joins the line. A stored (or for good refused) send leaves it. A line that does not move for
 * {@code waitMillis} is forgotten (the client gave those sends up). Thread-safe; a conversation
 * is only ever written by one writer thread, and {@link #refusedForNow} may come from an event
 * loop (a full queue).
 */
final class SendOrder {
    /** Most sends one line holds; later refused ones are still refused, and join when it is shorter. */
    static final int MAX_LINE = 10_000;

    private static final class Line {
        final LinkedHashSet<String> clientIds = new LinkedHashSet<>();
        volatile long untilMillis; // read by admit outside the map's lock
    }

    private final ConcurrentHashMap<String, Line> lines = new ConcurrentHashMap<>();
    private final long waitMillis;
    private final LongSupplier clock;

    SendOrder(long waitMillis, LongSupplier clock) {
        this.waitMillis = waitMillis;
        this.clock = clock;
    }

    /** {@code p} was refused for now (the client will send it again): it joins its conversation's line. */
    void refusedForNow(PendingSend p) {
        long now = clock.getAsLong();
        lines.compute(key(p), (k, line) -> {
            if (line == null || line.untilMillis <= now) line = new Line();
            if (line.clientIds.size() < MAX_LINE) line.clientIds.add(p.clientMsgId);
            line.untilMillis = now + waitMillis;
            return line;
        });
    }

    /** {@code p} is resolved (stored, or refused for good): it leaves its conversation's line. */
    void resolved(PendingSend p) {
        if (lines.isEmpty()) return; // the usual case: no line to leave, and no key to build for every message
        long now = clock.getAsLong();
        lines.computeIfPresent(key(p), (k, line) -> {
            if (!line.clientIds.remove(p.clientMsgId)) return line;
            line.untilMillis = now + waitMillis;
            return line.clientIds.isEmpty() ? null : line;
        });
    }

    /**
     * The sends of {@code batch} that may be written now, in order; each of the others (out of
     * line) goes to {@code refuse} and joins its line.
     */
    List<PendingSend> admit(List<PendingSend> batch, Consumer<PendingSend> refuse) {
        if (lines.isEmpty()) return batch;
        long now = clock.getAsLong();
        List<PendingSend> admitted = new ArrayList<>(batch.size());
        Map<String, Iterator<String>> cursors = new HashMap<>(); // per line: who may come next in this batch
        Map<String, String> expected = new HashMap<>();
        for (PendingSend p : batch) {
            String key = key(p);
            Line line = lines.get(key);
            if (line != null && line.untilMillis <= now) {
                lines.remove(key, line);
                line = null;
            }
            if (line == null) {
                admitted.add(p);
                continue;
            }
            Iterator<String> cursor = cursors.computeIfAbsent(key, k -> snapshot(k).iterator());
            String next = expected.computeIfAbsent(key, k -> cursor.hasNext() ? cursor.next() : "");
            if (next.isEmpty() || next.equals(p.clientMsgId)) {
                admitted.add(p); // the next in line, or the whole line is ahead of it in this batch
                if (!next.isEmpty()) expected.put(key, cursor.hasNext() ? cursor.next() : "");
            } else {
                refuse.accept(p);
                refusedForNow(p);
            }
        }
        return admitted;
    }

    /** The line's client ids in order, copied under the map's lock for its key. */
    private List<String> snapshot(String key) {
        List<List<String>> copy = new ArrayList<>(1);
        lines.computeIfPresent(key, (k, line) -> {
            copy.add(List.copyOf(line.clientIds));
            return line;
        });
        return copy.isEmpty() ? List.of() : copy.get(0);
    }

    /** Forgets the lines that have not moved for too long. */
    void expire() {
        long now = clock.getAsLong();
        lines.values().removeIf(line -> line.untilMillis <= now);
    }

    /** Conversations with a line. */
    int waiting() {
        return lines.size();
    }

    private static String key(PendingSend p) {
        return p.senderId + "/" + p.to.key(p.senderId);
    }
}
