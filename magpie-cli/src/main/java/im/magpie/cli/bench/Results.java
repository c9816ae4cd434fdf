package im.magpie.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Merging the results of several load processes, the JSON file and the human summary table. */
public final class Results {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Results() {}

    /** One phase as measured by all processes together (they ran at the same time). */
    public static PhaseResult merge(List<PhaseResult> parts) {
        if (parts.size() == 1) return parts.get(0);
        PhaseResult first = parts.get(0);
        Histogram latency = LoopStats.newHistogram();
        Histogram login = LoopStats.newHistogram();
        int connections = 0;
        int failures = 0;
        long loginStart = Long.MAX_VALUE;
        long loginEnd = 0;
        StreamLedger.Account account = null;
        long acked = 0;
        long delivered = 0;
        long errors = 0;
        Map<String, Long> counters = null;
        for (PhaseResult p : parts) {
            latency.add(Histograms.decode(p.latencyHistogram()));
            login.add(Histograms.decode(p.loginHistogram()));
            connections += p.connections();
            failures += p.connectFailures();
            if (p.loginStartEpochMs() > 0) loginStart = Math.min(loginStart, p.loginStartEpochMs());
            loginEnd = Math.max(loginEnd, p.loginEndEpochMs());
            if (p.messages() != null) account = account == null ? p.messages() : account.plus(p.messages());
            acked += p.ackedInWindow();
            delivered += p.deliveredInWindow();
            errors += p.errors();
            if (p.counters() != null) {
                if (counters == null) counters = new LinkedHashMap<>();
                for (var e : p.counters().entrySet()) {
                    if (e.getKey().endsWith("Micros")) counters.merge(e.getKey(), e.getValue(), Math::max);
                    else counters.merge(e.getKey(), e.getValue(), Long::sum);
                }
            }
        }
        double loginSeconds = loginStart == Long.MAX_VALUE ? 0 : Math.max(1, loginEnd - loginStart) / 1000.0;
        double logins = first.loginsPerSecond() > 0 && loginSeconds > 0 ? connections / loginSeconds : 0;
        double seconds = first.measuredSeconds();
        boolean messaging = first.messages() != null;
        return new PhaseResult(first.scenario(), first.label(), parts.size(), first.offeredRate(), first.window(),
                first.warmupSeconds(), seconds, connections, failures, loginStart == Long.MAX_VALUE ? 0 : loginStart,
                loginEnd, logins, first.loginLatencyMicros() == null ? null : Histograms.Percentiles.of(login),
                messaging ? Histograms.Percentiles.of(latency) : null, account, acked, delivered,
                messaging ? acked / seconds : 0, messaging ? delivered / seconds : 0, errors, counters, null,
                messaging ? Histograms.encode(latency) : null,
                first.loginLatencyMicros() == null ? null : Histograms.encode(login));
    }

    public static void write(Path file, PhaseResult.RunReport report) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            PRETTY.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static PhaseResult.RunReport read(Path file) {
        try {
            return JSON.readValue(file.toFile(), PhaseResult.RunReport.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read result file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The human summary: one row per phase. Latencies in milliseconds. */
    public static void printSummary(PrintStream out, PhaseResult.RunReport report) {
        out.println();
        out.println("magpie bench " + report.scenario() + " " + report.settings());
        boolean messaging = report.phases().stream().anyMatch(p -> p.messages() != null);
        if (messaging) {
            out.printf("%-16s %7s %10s %10s %6s %5s %6s %6s %10s %10s %8s %8s %8s %8s %8s %9s%n",
                    "phase", "conns", "sent", "delivered", "lost", "dup", "reord", "refus", "acked/s", "deliv/s",
                    "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "srv µs/msg");
            for (PhaseResult p : report.phases()) {
                var m = p.messages();
                var l = p.latencyMicros();
                out.printf("%-16s %7d %10d %10d %6d %5d %6d %6d %10.0f %10.0f %8.2f %8.2f %8.2f %8.2f %8.2f %9s%n",
                        p.label(), p.connections(), m.sent(), m.delivered(), m.lost(), m.duplicates(), m.reordered(),
                        m.refused(), p.ackedPerSecond(), p.deliveredPerSecond(), ms(l.p50()), ms(l.p90()), ms(l.p99()),
                        ms(l.p999()), ms(l.max()), p.server() == null || p.server().cpuMicrosPerMessage() == null ? "-"
                                : String.format("%.1f", p.server().cpuMicrosPerMessage()));
            }
        } else {
            out.printf("%-16s %7s %7s %10s %9s %9s %9s %12s %12s%n", "phase", "conns", "failed", "logins/s",
                    "p50 ms", "p99 ms", "max ms", "RSS/conn", "heap/conn");
            for (PhaseResult p : report.phases()) {
                var l = p.loginLatencyMicros();
                var s = p.server();
                out.printf("%-16s %7d %7d %10.0f %9s %9s %9s %12s %12s%n", p.label(), p.connections(),
                        p.connectFailures(), p.loginsPerSecond(),
                        l == null ? "-" : String.format("%.2f", ms(l.p50())), l == null ? "-" : String.format("%.2f", ms(l.p99())),
                        l == null ? "-" : String.format("%.2f", ms(l.max())),
                        s == null || s.bytesPerConnection() == null ? "-" : bytes(s.bytesPerConnection()),
                        s == null || s.heapBytesPerConnection() == null ? "-" : bytes(s.heapBytesPerConnection()));
            }
        }
        for (PhaseResult p : report.phases()) {
            if (p.counters() != null && !p.counters().isEmpty()) out.println(p.label() + ": " + p.counters());
            if (p.server() != null) {
                out.printf("%s: server CPU %.2f s (%.2f cores), RSS %s -> %s%s%n", p.label(), p.server().cpuSeconds(),
                        p.server().cpuUtilisation(), bytes(p.server().rssBeforeBytes()), bytes(p.server().rssAfterBytes()),
                        allocationAndPauses(p.server()));
            }
        }
    }

    /** ", allocated 1.2 GiB (2.0 KiB/msg), GC 12 pauses, 340 ms, max 41 ms", or "" without JMX figures. */
    static String allocationAndPauses(PhaseResult.ServerFigures s) {
        StringBuilder b = new StringBuilder();
        if (s.allocatedBytes() != null) {
            b.append(", allocated ").append(bytes(s.allocatedBytes()));
            if (s.allocatedBytesPerMessage() != null) b.append(" (").append(bytes(s.allocatedBytesPerMessage())).append("/msg)");
        }
        GcPauses gc = s.gcPauses();
        if (gc != null) {
            b.append(", GC ").append(gc.count()).append(gc.count() == 1 ? " pause, " : " pauses, ")
                    .append(gc.totalMs()).append(" ms, max ").append(gc.maxMs()).append(" ms");
        }
        return b.toString();
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }

    static String bytes(long b) {
        if (Math.abs(b) >= 1L << 20) return String.format("%.1f MiB", b / 1048576.0);
        if (Math.abs(b) >= 1024) return String.format("%.1f KiB", b / 1024.0);
        return b + " B";
    }
}
