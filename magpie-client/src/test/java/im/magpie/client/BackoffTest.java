package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.internal.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void delays_double_per_failure_and_stop_at_the_cap() {
        Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0);
        assertThat(highest.delay(0)).isEqualTo(ms(1000));
        assertThat(highest.delay(1)).isEqualTo(ms(2000));
        assertThat(highest.delay(4)).isEqualTo(ms(16000));
        assertThat(highest.delay(5)).isEqualTo(ms(30000));
        assertThat(highest.delay(1000)).isEqualTo(ms(30000));
    }

    @Test
    void jitter_picks_a_point_in_the_upper_half_of_the_window() {
        Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
        Backoff middle = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);
        assertThat(lowest.delay(0)).isEqualTo(ms(500));
        assertThat(middle.delay(0)).isEqualTo(ms(750));
        assertThat(lowest.delay(10)).isEqualTo(ms(15000));
    }

    @Test
    void the_cap_holds_for_any_random_value() {
        Backoff wild = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 7.0);
        assertThat(wild.delay(50)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
}
