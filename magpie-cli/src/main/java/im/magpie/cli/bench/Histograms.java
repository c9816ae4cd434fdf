package im.magpie.cli.bench;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** HdrHistogram in and out of JSON (compressed, Base64), so child processes' histograms merge exactly. */
public final class Histograms {
    private Histograms() {}

    public static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[n];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static Histogram decode(String base64) {
        if (base64 == null || base64.isEmpty()) return LoopStats.newHistogram();
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad histogram: " + e.getMessage(), e);
        }
    }

    /** Percentiles in microseconds, as the summary and the JSON result show them. */
    public record Percentiles(long count, double mean, long p50, long p90, long p99, long p999, long max) {
        public static Percentiles of(Histogram h) {
            if (h.getTotalCount() == 0) return new Percentiles(0, 0, 0, 0, 0, 0, 0);
            return new Percentiles(h.getTotalCount(), Math.round(h.getMean() * 10) / 10.0,
                    h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }
}
