package im.magpie.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a local server process's resident memory and CPU time from {@code /proc/<pid>}, what it has
 * allocated and its collector's pauses over JMX ({@link ServerJvm}, when it can attach), and
 * optionally its live heap (after a full GC) through {@code jcmd}. Only for a server on this
 * machine ({@code --server-pid}); without one, results simply have no server figures.
 */
public final class ServerProbe implements AutoCloseable {
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final long pid;
    private final boolean heap;
    private final ServerJvm jvm; // null: not a JVM we can attach to

    /** @param warnings where to say that the allocation and GC figures are unavailable, and why */
    public ServerProbe(long pid, boolean heap, PrintStream warnings) {
        this.pid = pid;
        this.heap = heap;
        if (!Files.isReadable(Path.of("/proc", Long.toString(pid), "status"))) {
            throw new IllegalArgumentException("--server-pid " + pid + ": no such local process (need /proc/" + pid + ")");
        }
        ServerJvm attached = null;
        try {
            attached = ServerJvm.attach(pid);
        } catch (IOException | RuntimeException e) {
            warnings.println("magpie bench: no allocation or GC figures for process " + pid + " (" + e.getMessage() + ")");
        }
        this.jvm = attached;
    }

    /** @param jvm the server's allocation counter and uptime, null without them */
    public record Sample(long rssBytes, long cpuNanos, long heapUsedBytes, long atNanos, ServerJvm.Counters jvm) {}

    public Sample sample() {
        long rss = rss();
        long cpu = cpuNanos();
        ServerJvm.Counters counters = jvmCounters();
        return new Sample(rss, cpu, heap ? heapUsed() : -1, System.nanoTime(), counters);
    }

    private ServerJvm.Counters jvmCounters() {
        if (jvm == null) return null;
        try {
            return jvm.counters();
        } catch (IOException e) {
            return null;
        }
    }

    /** The collector's pauses between two samples; null without JMX. */
    public GcPauses pauses(Sample from, Sample to) {
        return jvm == null || from.jvm() == null || to.jvm() == null ? null : jvm.pausesBetween(from.jvm(), to.jvm());
    }

    @Override
    public void close() {
        if (jvm != null) jvm.close();
    }

    public long pid() {
        return pid;
    }

    long rss() {
        try {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime + stime of the whole process. */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return parseCpuNanos(stat);
        } catch (IOException e) {
            return -1;
        }
    }

    static long parseCpuNanos(String stat) {
        // Fields after the command name in parentheses (which may hold spaces): state is field 3,
        // utime field 14 and stime field 15 (1-based, man 5 proc).
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** Heap in use after a full GC, through {@code jcmd}; -1 if that fails. */
    long heapUsed() {
        try {
            run("GC.run");
            String out = run("GC.heap_info");
            Matcher m = HEAP_USED.matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String run(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }
}
