package im.magpie.client.internal.session;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Scheduler}: one daemon thread ({@code magpie-session}) and the system
 * clock. A task that throws is logged and does not stop the thread; after {@link #close()} tasks
 * are dropped.
 */
public final class LoopScheduler implements Scheduler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoopScheduler.class);

    private final ScheduledExecutorService loop;
    private final Clock clock;

    public LoopScheduler(String threadName, Clock clock) {
        this.clock = clock;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void execute(Runnable task) {
        try {
            loop.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            log.debug("session closed: task dropped");
        }
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> f = loop.schedule(() -> run(task), delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            log.debug("session closed: nothing scheduled");
            return () -> { };
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("session task failed", e);
        }
    }

    @Override
    public long nowMs() {
        return clock.millis();
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
