package im.magpie.cli.bench;

/**
 * What every bench message carries in its {@code client_msg_id}: the run it belongs to, its
 * sequence number in its stream (one sender into one conversation) and the time it was meant to
 * be sent ({@link System#nanoTime()} of the sending process; sender and receivers of a stream
 * always live in the same process). Format: {@code run.seq.nanos} in base 36, at most 40
 * characters (the protocol allows 64). A retry would reuse the same id; the bench never retries.
 */
public record MessageStamp(String run, long seq, long intendedNanos) {

    public MessageStamp {
        if (run.isEmpty() || run.indexOf('.') >= 0 || run.length() > 8) {
            throw new IllegalArgumentException("run id must be 1-8 characters without '.': " + run);
        }
        if (seq < 0) throw new IllegalArgumentException("seq must be >= 0: " + seq);
    }

    public String encode() {
        return run + '.' + Long.toString(seq, 36) + '.' + Long.toString(intendedNanos, 36);
    }

    /** The stamp in {@code clientMsgId}, or null when it is not one of this run's messages. */
    public static MessageStamp decode(String clientMsgId, String expectedRun) {
        int a = clientMsgId.indexOf('.');
        if (a <= 0 || !clientMsgId.regionMatches(0, expectedRun, 0, a) || a != expectedRun.length()) return null;
        int b = clientMsgId.indexOf('.', a + 1);
        if (b < 0) return null;
        try {
            return new MessageStamp(expectedRun, Long.parseLong(clientMsgId, a + 1, b, 36),
                    Long.parseLong(clientMsgId, b + 1, clientMsgId.length(), 36));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A short random run id, so messages of an earlier run are never counted. */
    public static String newRunId() {
        return Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    }
}
