package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The allocation and GC readings, taken from another real JVM as from a server. */
class ServerJvmTest {
    private Process child;
    private BufferedReader childOut;
    private Writer childIn;

    @BeforeEach
    void startChild() throws Exception {
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"), AllocatingProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        childIn = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        assertThat(childOut.readLine()).isEqualTo("ready");
    }

    @AfterEach
    void stopChild() throws Exception {
        child.destroy();
        child.waitFor();
    }

    private void tell(String line) throws Exception {
        childIn.write(line + "\n");
        childIn.flush();
        assertThat(childOut.readLine()).isEqualTo("done");
    }

    @Test
    void what_another_jvm_allocates_is_counted_and_its_collections_are_seen() throws Exception {
        try (ServerJvm jvm = ServerJvm.attach(child.pid())) {
            ServerJvm.Counters before = jvm.counters();

            tell("alloc 64");
            ServerJvm.Counters afterAlloc = jvm.counters();
            tell("gc");

            assertThat(afterAlloc.allocatedBytes() - before.allocatedBytes()).isBetween(64L << 20, 96L << 20);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                GcPauses pauses = jvm.pausesBetween(before, jvm.counters());
                assertThat(pauses.count()).isGreaterThanOrEqualTo(1);
                assertThat(pauses.maxMs()).isLessThanOrEqualTo(pauses.totalMs());
            });
        }
    }

    @Test
    void the_probe_reports_allocation_between_two_samples_and_no_pauses_before_the_first() throws Exception {
        try (ServerProbe probe = new ServerProbe(child.pid(), false, System.err)) {
            ServerProbe.Sample first = probe.sample();
            tell("alloc 16");
            ServerProbe.Sample second = probe.sample();

            assertThat(second.jvm().allocatedBytes() - first.jvm().allocatedBytes()).isGreaterThanOrEqualTo(16L << 20);
            assertThat(probe.pauses(first, first).count()).isZero();
        }
    }

    @Test
    void pauses_are_counted_in_the_phase_they_started_in() {
        List<GcPauses.Pause> pauses = List.of(new GcPauses.Pause(999, 50), new GcPauses.Pause(1000, 12),
                new GcPauses.Pause(1500, 30), new GcPauses.Pause(2000, 7));

        assertThat(GcPauses.between(pauses, 1000, 2000)).isEqualTo(new GcPauses(2, 42, 30));
        assertThat(GcPauses.between(pauses, 3000, 4000)).isEqualTo(new GcPauses(0, 0, 0));
    }

    @Test
    void the_summary_line_names_allocation_per_message_and_the_pauses() {
        PhaseResult.ServerFigures s = new PhaseResult.ServerFigures(1, 0, 0, null, null, null, null, 1, 0.5, 10.0,
                3L << 30, 2048L, new GcPauses(12, 340, 41));

        assertThat(Results.allocationAndPauses(s)).isEqualTo(", allocated 3072.0 MiB (2.0 KiB/msg), GC 12 pauses, 340 ms, max 41 ms");
        assertThat(Results.allocationAndPauses(new PhaseResult.ServerFigures(1, 0, 0, null, null, null, null, 1, 0.5,
                null, null, null, null))).isEmpty();
    }
}
