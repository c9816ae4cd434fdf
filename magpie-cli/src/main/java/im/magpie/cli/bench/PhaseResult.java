package im.magpie.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The result of one measured phase (one offered rate of a sweep, or the connect phase), as the JSON
 * result file holds it. Rates are per second over the measured window; latencies in microseconds.
 * {@code latencyHistogram} and {@code loginHistogram} carry the full HdrHistograms so results of
 * several processes merge exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseResult(
        String scenario,
        String label,
        int procs,
        double offeredRate,
        int window,
        double warmupSeconds,
        double measuredSeconds,
        int connections,
        int connectFailures,
        long loginStartEpochMs,
        long loginEndEpochMs,
        double loginsPerSecond,
        Histograms.Percentiles loginLatencyMicros,
        Histograms.Percentiles latencyMicros,
        StreamLedger.Account messages,
        long ackedInWindow,
        long deliveredInWindow,
        double ackedPerSecond,
        double deliveredPerSecond,
        long errors,
        Map<String, Long> counters,
        ServerFigures server,
        String latencyHistogram,
        String loginHistogram) {

    /**
     * What the server process did during the phase (only with {@code --server-pid}). The
     * allocation and GC figures need JMX (a local JVM of this user), and are null without it;
     * {@code allocatedBytesPerMessage} is per message delivered in the phase (warm-up and drain
     * included, as the allocation is).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServerFigures(long pid, long rssBeforeBytes, long rssAfterBytes, Long bytesPerConnection,
                                Long heapBeforeBytes, Long heapAfterBytes, Long heapBytesPerConnection,
                                double cpuSeconds, double cpuUtilisation, Double cpuMicrosPerMessage,
                                Long allocatedBytes, Long allocatedBytesPerMessage, GcPauses gcPauses) {}

    public PhaseResult withServer(ServerFigures figures) {
        return new PhaseResult(scenario, label, procs, offeredRate, window, warmupSeconds, measuredSeconds, connections,
                connectFailures, loginStartEpochMs, loginEndEpochMs, loginsPerSecond, loginLatencyMicros, latencyMicros,
                messages, ackedInWindow, deliveredInWindow, ackedPerSecond, deliveredPerSecond, errors, counters, figures,
                latencyHistogram, loginHistogram);
    }

    /** The whole result file: the command's settings and its phases. */
    public record RunReport(String tool, String scenario, Map<String, Object> settings, Map<String, String> environment,
                            List<PhaseResult> phases) {}
}
