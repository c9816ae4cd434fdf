package im.magpie.cli.bench;

import java.util.List;
import picocli.CommandLine.Option;

/** How messages are offered: an open loop at one or more total rates, or a closed loop with a window. */
public final class MessagingOptions {
    @Option(names = "--rates", split = ",", description = "total offered messages per second; several = a sweep (one phase each)")
    List<Double> rates;

    @Option(names = "--rate", description = "one total offered rate (messages per second)")
    Double rate;

    @Option(names = "--window", defaultValue = "0", description = "closed loop instead: unacknowledged messages per sender")
    int window;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds of load before measuring")
    double warmupSeconds;

    @Option(names = "--duration", defaultValue = "10", description = "measured seconds")
    double durationSeconds;

    @Option(names = "--drain-seconds", defaultValue = "10",
            description = "after sending, how long to wait for deliveries; what has not arrived then is lost")
    int drainSeconds;

    @Option(names = "--message-bytes", defaultValue = "32", description = "text size of each message (besides its stamp)")
    int messageBytes;

    public boolean isClosedLoop() {
        return window > 0;
    }

    public List<Double> rates() {
        if (rates != null && !rates.isEmpty()) return rates;
        return rate == null ? List.of() : List.of(rate);
    }

    public void validate() {
        boolean open = !rates().isEmpty();
        if (open == isClosedLoop()) {
            throw new IllegalArgumentException("give either --rate/--rates (open loop) or --window (closed loop)");
        }
        if (rates != null && rate != null) throw new IllegalArgumentException("give --rate or --rates, not both");
        for (double r : rates()) {
            if (!(r > 0) || r > 10_000_000) throw new IllegalArgumentException("rates must be in (0, 10000000]: " + r);
        }
        if (rates().size() > 50) throw new IllegalArgumentException("at most 50 rates in a sweep");
        if (window < 0 || window > 256) throw new IllegalArgumentException("--window must be 0..256 (the server allows 256 requests in flight)");
        if (!(warmupSeconds >= 0) || warmupSeconds > 600) throw new IllegalArgumentException("--warmup must be 0..600 seconds");
        if (!(durationSeconds >= 1) || durationSeconds > 3600) throw new IllegalArgumentException("--duration must be 1..3600 seconds");
        if (drainSeconds < 0 || drainSeconds > 600) throw new IllegalArgumentException("--drain-seconds must be 0..600");
        if (messageBytes < 1 || messageBytes > 8 * 1024) throw new IllegalArgumentException("--message-bytes must be 1..8192");
    }
}
