package im.magpie.cli.bench;

import java.util.List;

/**
 * The collector's pauses in one phase: how many, their total and the longest, in milliseconds.
 *
 * @param count   pauses that started in the phase
 * @param totalMs their summed duration
 * @param maxMs   the longest (0 without any)
 */
public record GcPauses(int count, long totalMs, long maxMs) {
    /** One pause: when it started (milliseconds of the server's uptime) and how long it took. */
    record Pause(long startMs, long durationMs) {}

    /** The pauses that started in {@code [fromMs, toMs)} of the server's uptime. */
    static GcPauses between(List<Pause> pauses, long fromMs, long toMs) {
        int count = 0;
        long total = 0;
        long max = 0;
        for (Pause p : pauses) {
            if (p.startMs() < fromMs || p.startMs() >= toMs) continue;
            count++;
            total += p.durationMs();
            max = Math.max(max, p.durationMs());
        }
        return new GcPauses(count, total, max);
    }
}
