package im.magpie.client.internal.session;

import java.time.Duration;

/**
 * The one thread and clock of a session. Every part of the session runs on it, so their state
 * needs no locks; a test drives it by hand ({@code FakeScheduler}) instead of sleeping.
 */
public interface Scheduler {
    /** Runs {@code task} on the session thread, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} on the session thread after {@code delay}; the handle cancels it. */
    Cancellable schedule(Runnable task, Duration delay);

    /** The session clock, in epoch milliseconds. */
    long nowMs();

    /** A scheduled task that has not run yet can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
