package im.magpie.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts (XChart): latency percentiles against offered rate. */
public final class Charts {
    private Charts() {}

    /** One labelled sweep: its phases with an offered rate. */
    public record Sweep(String label, List<PhaseResult> phases) {}

    /**
     * Draws p50/p90/p99/p99.9 against offered rate for one sweep, or p50 and p99 of each sweep
     * when several are compared (e.g. H2, PostgreSQL, MariaDB). Logarithmic latency axis.
     */
    public static void latencyAgainstRate(Path png, String title, List<Sweep> sweeps) {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title)
                .xAxisTitle("offered rate (messages/s)").yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setDecimalPattern("#,###.##");
        boolean one = sweeps.size() == 1;
        for (Sweep s : sweeps) {
            List<PhaseResult> phases = s.phases().stream().filter(p -> p.offeredRate() > 0 && p.latencyMicros() != null
                    && p.latencyMicros().count() > 0).sorted((a, b) -> Double.compare(a.offeredRate(), b.offeredRate())).toList();
            if (phases.isEmpty()) continue;
            String prefix = one ? "" : s.label() + " ";
            add(chart, prefix + "p50", phases, 50);
            if (one) add(chart, "p90", phases, 90);
            add(chart, prefix + "p99", phases, 99);
            if (one) add(chart, "p99.9", phases, 99.9);
        }
        if (chart.getSeriesMap().isEmpty()) throw new IllegalArgumentException("no open-loop phases with latencies to chart");
        try {
            if (png.getParent() != null) Files.createDirectories(png.getParent());
            BitmapEncoder.saveBitmap(chart, png.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private static void add(XYChart chart, String name, List<PhaseResult> phases, double percentile) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (PhaseResult p : phases) {
            var l = p.latencyMicros();
            long v = percentile == 50 ? l.p50() : percentile == 90 ? l.p90() : percentile == 99 ? l.p99() : l.p999();
            x.add(p.offeredRate());
            y.add(Math.max(0.01, v / 1000.0));
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
