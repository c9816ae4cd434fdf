package im.magpie.server.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's blocking requests one after another on the shared worker pool, so a
 * client's requests take effect in the order it sent them, and bounds how many may wait: a client
 * that floods us is told to slow down instead of growing this queue. Thread-safe.
 */
public final class RequestQueue {
    private final Executor workers;
    private final int maxPending;
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private boolean running;

    public RequestQueue(Executor workers, int maxPending) {
        this.workers = workers;
        this.maxPending = maxPending;
    }

    /** Queues a task; false if the connection already has {@code maxPending} waiting. */
    public synchronized boolean offer(Runnable task) {
        if (pending.size() >= maxPending) return false;
        pending.add(task);
        if (!running) {
            running = true;
            schedule();
        }
        return true;
    }

    public synchronized int size() {
        return pending.size();
    }

    private void schedule() {
        try {
            workers.execute(this::runNext);
        } catch (RejectedExecutionException e) {
            // Server shutting down: drop what is queued; the connection is closing anyway.
            pending.clear();
            running = false;
        }
    }

    private void runNext() {
        Runnable task;
        synchronized (this) {
            task = pending.poll();
            if (task == null) {
                running = false;
                return;
            }
        }
        try {
            task.run();
        } finally {
            synchronized (this) {
                if (pending.isEmpty()) {
                    running = false;
                } else {
                    schedule();
                }
            }
        }
    }
}
