package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    private static PhaseResult part(long latencyMicros, int n, StreamLedger.Account account) {
        Histogram h = LoopStats.newHistogram();
        for (int i = 0; i < n; i++) h.recordValue(latencyMicros);
        return new PhaseResult("direct", "1000 msg/s", 1, 1000, 0, 1, 10, 100, 0, 1_000, 2_000, 0, null,
                Histograms.Percentiles.of(h), account, n, n, n / 10.0, n / 10.0, 0, Map.of("senders", 100L), null,
                Histograms.encode(h), null);
    }

    @Test
    void results_of_several_processes_add_up_and_their_histograms_merge_exactly() {
        PhaseResult a = part(1_000, 900, new StreamLedger.Account(900, 0, 900, 0, 0, 0, 0));
        PhaseResult b = part(50_000, 100, new StreamLedger.Account(100, 0, 99, 1, 0, 0, 0));

        PhaseResult merged = Results.merge(List.of(a, b));

        assertThat(merged.procs()).isEqualTo(2);
        assertThat(merged.connections()).isEqualTo(200);
        assertThat(merged.messages()).isEqualTo(new StreamLedger.Account(1000, 0, 999, 1, 0, 0, 0));
        assertThat(merged.latencyMicros().count()).isEqualTo(1000);
        assertThat(merged.latencyMicros().p50()).isBetween(999L, 1001L);
        assertThat(merged.latencyMicros().p99()).isBetween(49_900L, 50_100L); // only the second process saw these
        assertThat(merged.deliveredPerSecond()).isEqualTo(100.0);
        assertThat(merged.counters()).containsEntry("senders", 200L);
    }

    @Test
    void a_result_file_reads_back_and_charts_as_a_png(@TempDir Path dir) throws Exception {
        PhaseResult slow = part(5_000, 100, new StreamLedger.Account(100, 0, 100, 0, 0, 0, 0));
        PhaseResult fast = new PhaseResult("direct", "5000 msg/s", 1, 5000, 0, 1, 10, 100, 0, 0, 0, 0, null,
                slow.latencyMicros(), slow.messages(), 100, 100, 10, 10, 0, null, null, slow.latencyHistogram(), null);
        Path json = dir.resolve("r.json");
        Results.write(json, new PhaseResult.RunReport("magpie bench", "direct", Map.of("pairs", 10), Map.of(), List.of(slow, fast)));

        PhaseResult.RunReport back = Results.read(json);
        Path png = dir.resolve("chart.png");
        Charts.latencyAgainstRate(png, "test", List.of(new Charts.Sweep("h2", back.phases())));

        assertThat(back.phases()).hasSize(2);
        assertThat(back.phases().get(0).messages()).isEqualTo(slow.messages());
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    }
}
