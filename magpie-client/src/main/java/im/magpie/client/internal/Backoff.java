package im.magpie.client.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code initial}, doubled per failed attempt, capped at
 * {@code max}, with "equal jitter" (a random point in the upper half of the window) so that many
 * clients dropped by one server restart do not all come back in the same millisecond.
 * Pure and thread-safe; the random source is injected so tests are deterministic.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = Objects.requireNonNull(random);
    }

    /** The delay before attempt {@code failures + 1}, after {@code failures} failures in a row (0, 1, ...). */
    public Duration delay(int failures) {
        long window = initial.toMillis();
        for (int i = 0; i < failures && window < max.toMillis(); i++) {
            window *= 2;
        }
        window = Math.min(window, max.toMillis());
        double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(window / 2 + Math.round(r * (window - window / 2)));
    }

    public Duration max() {
        return max;
    }
}
