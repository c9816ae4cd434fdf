package im.magpie.cli.bench;

import io.netty.channel.EventLoop;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * One load scenario inside one load process: {@link #prepare} (connect, create groups...), then one
 * or more measured phases (one per offered rate of a sweep), then {@link #close}. With
 * {@code --procs N} every process runs its own slice of the users; the parent starts the phases of
 * all children together and merges their results.
 */
public abstract class Scenario implements AutoCloseable {
    protected final String name;
    protected final LoadOptions load;
    protected final Driver driver;
    protected final List<LoopStats> loopStats = new ArrayList<>();
    protected final PrintStream progress;
    protected final String tag;
    protected final int procIndex;
    protected final int procCount;
    /** Connections made by {@link #connectAll}, in the order asked. */
    protected long loginStartEpochMs;
    protected long loginEndEpochMs;
    protected int connectFailures;

    protected Scenario(String name, LoadOptions load, PrintStream progress) {
        this.name = name;
        this.load = load;
        this.progress = progress;
        int[] child = load.isChild() ? load.childIndex() : new int[] {0, 1};
        this.procIndex = child[0];
        this.procCount = child[1];
        this.tag = load.isChild() ? "[p" + procIndex + "] " : "";
        this.driver = new Driver(load.target(), load.loopCount(), load.wire());
        for (int i = 0; i < driver.loops().size(); i++) loopStats.add(new LoopStats());
    }

    public String name() {
        return name;
    }

    /** Connects and sets up whatever the phases need; not measured (except by {@code connect}). */
    public abstract void prepare() throws Exception;

    public abstract int phases();

    public abstract String phaseLabel(int phase);

    public abstract PhaseResult runPhase(int phase) throws Exception;

    /** Settings to record in the result file. */
    public abstract Map<String, Object> settings();

    protected int loopIndexOf(EventLoop loop) {
        return driver.loops().indexOf(loop);
    }

    /**
     * Connects and logs in {@code users}, at most {@code --connect-concurrency} at a time, the
     * {@code i}th on loop {@code loopOf(i)}. Failures are counted, not fatal. Bounded by
     * {@code deadlineSeconds}.
     */
    protected List<SimConnection> connectAll(List<Tokens.User> users, IntFunction<Integer> loopOf, SimListener listener,
                                             int deadlineSeconds, String what) throws InterruptedException {
        int n = users.size();
        List<SimConnection> connected = Collections.synchronizedList(new ArrayList<>(n));
        Semaphore permits = new Semaphore(load.connectConcurrency);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastLoginNanos = new AtomicLong();
        long startNanos = System.nanoTime();
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        loginStartEpochMs = System.currentTimeMillis();
        Progress.Ticker ticker = Progress.every(progress, 1000, () -> {
            double secs = (System.nanoTime() - startNanos) / 1e9;
            return tag + what + ": " + connected.size() + "/" + n + " logged in, " + failed.get() + " failed, "
                    + String.format("%.0f", connected.size() / Math.max(secs, 1e-3)) + "/s";
        });
        Throwable[] firstFailure = new Throwable[1];
        try {
            for (int i = 0; i < n; i++) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) break;
                int loop = loopOf.apply(i);
                CompletableFuture<SimConnection> f = driver.connect(i + procIndex * 1_000_003, users.get(i),
                        driver.loops().get(loop), loopStats.get(loop), listener, true);
                f.whenComplete((c, e) -> {
                    if (e == null) {
                        connected.add(c);
                        lastLoginNanos.accumulateAndGet(System.nanoTime(), Math::max);
                    } else {
                        if (failed.incrementAndGet() == 1) firstFailure[0] = e;
                    }
                    done.incrementAndGet();
                    permits.release();
                });
            }
            long left = deadline - System.nanoTime();
            if (left > 0) permits.tryAcquire(load.connectConcurrency, left, TimeUnit.NANOSECONDS);
        } finally {
            ticker.stop();
        }
        long elapsed = Math.max(1, lastLoginNanos.get() - startNanos);
        loginEndEpochMs = loginStartEpochMs + TimeUnit.NANOSECONDS.toMillis(elapsed);
        connectFailures = n - connected.size();
        progress.println(tag + what + ": " + connected.size() + "/" + n + " logged in in "
                + String.format("%.2f", elapsed / 1e9) + " s" + (connectFailures > 0 ? ", " + connectFailures
                + " failed (first: " + (firstFailure[0] == null ? "timeout" : firstFailure[0].getMessage()) + ")" : ""));
        List<SimConnection> ordered = new ArrayList<>(connected);
        ordered.sort((a, b) -> Integer.compare(a.user().index(), b.user().index()));
        return ordered;
    }

    /** Runs {@code task} on every loop and waits: a barrier after which loop-confined state may be read. */
    protected void onEveryLoop(java.util.function.IntConsumer task) throws InterruptedException, ExecutionException {
        List<io.netty.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < driver.loops().size(); i++) {
            int index = i;
            futures.add(driver.loops().get(i).submit(() -> task.accept(index)));
        }
        for (var f : futures) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("an event loop did not answer within 30 s");
            }
        }
    }

    protected Histogram mergedLatency() throws InterruptedException, ExecutionException {
        Histogram h = LoopStats.newHistogram();
        onEveryLoop(i -> { });
        for (LoopStats s : loopStats) h.add(s.latency);
        return h;
    }

    protected Histogram mergedLogin() {
        Histogram h = LoopStats.newHistogram();
        for (LoopStats s : loopStats) h.add(s.loginLatency);
        return h;
    }

    protected long sum(java.util.function.ToLongFunction<LoopStats> f) {
        long total = 0;
        for (LoopStats s : loopStats) total += f.applyAsLong(s);
        return total;
    }

    @Override
    public void close() {
        driver.close();
    }
}
