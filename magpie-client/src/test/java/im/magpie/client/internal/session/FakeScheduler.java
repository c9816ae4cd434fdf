package im.magpie.client.internal.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A {@link Scheduler} a test drives by hand: tasks run on the test's thread when it calls
 * {@link #runReady()} or {@link #advance(Duration)}; time moves only when told to.
 */
final class FakeScheduler implements Scheduler {
    private record Timed(long dueMs, long order, Runnable task, boolean[] cancelled) {}

    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Timed> timed = new ArrayList<>();
    private long nowMs = 1_000_000;
    private long order;

    @Override
    public synchronized void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        boolean[] cancelled = new boolean[1];
        timed.add(new Timed(nowMs + delay.toMillis(), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public synchronized long nowMs() {
        return nowMs;
    }

    /** Runs every ready task, and the tasks they make ready, until none is left. */
    void runReady() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = ready.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    /** Moves the clock by {@code d}, running timers as they fall due and ready tasks after each. */
    void advance(Duration d) {
        long until = nowMs + d.toMillis();
        runReady();
        while (true) {
            Timed due;
            synchronized (this) {
                due = timed.stream().filter(t -> t.dueMs() <= until)
                        .min(Comparator.comparingLong(Timed::dueMs).thenComparingLong(Timed::order)).orElse(null);
                if (due == null) {
                    nowMs = until;
                    break;
                }
                timed.remove(due);
                nowMs = due.dueMs();
            }
            if (!due.cancelled()[0]) {
                due.task().run();
            }
            runReady();
        }
        runReady();
    }

    /** Delays of the timers still pending, from now. */
    synchronized List<Duration> pendingTimers() {
        return timed.stream().filter(t -> !t.cancelled()[0]).map(t -> Duration.ofMillis(t.dueMs() - nowMs)).toList();
    }
}
