package im.magpie.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a local server process's resident memory and CPU time from {@code /proc/<pid>}, and
 * optionally its live heap (after a full GC) through {@code jcmd}. Only for a server on this
 * machine ({@code --server-pid}); without one, results simply have no server figures.
 */
public final class ServerProbe {
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final long pid;
    private final boolean heap;

    public ServerProbe(long pid, boolean heap) {
        this.pid = pid;
        this.heap = heap;
        if (!Files.isReadable(Path.of("/proc", Long.toString(pid), "status"))) {
            throw new IllegalArgumentException("--server-pid " + pid + ": no such local process (need /proc/" + pid + ")");
        }
    }

    public record Sample(long rssBytes, long cpuNanos, long heapUsedBytes, long atNanos) {}

    public Sample sample() {
        return new Sample(rss(), cpuNanos(), heap ? heapUsed() : -1, System.nanoTime());
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
