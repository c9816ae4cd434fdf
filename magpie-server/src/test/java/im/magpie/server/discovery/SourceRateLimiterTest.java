package im.magpie.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.testkit.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {
    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void aSourceGetsItsLimitPerWindow_andAgainWhenTheWindowTurns() throws Exception {
        ManualClock clock = new ManualClock();
        SourceRateLimiter limiter = new SourceRateLimiter(clock, 2, 10_000, 100);
        assertThat(limiter.tryAcquire(ip(1))).isTrue();
        assertThat(limiter.tryAcquire(ip(1))).isTrue();
        assertThat(limiter.tryAcquire(ip(1))).isFalse();
        assertThat(limiter.tryAcquire(ip(2))).as("another source has its own count").isTrue();

        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire(ip(1))).isTrue();
    }

    @Test
    void trackedSourcesAreBounded_newOnesRefusedUntilOldWindowsExpire() throws Exception {
        ManualClock clock = new ManualClock();
        SourceRateLimiter limiter = new SourceRateLimiter(clock, 5, 10_000, 3);
        for (int i = 1; i <= 3; i++) assertThat(limiter.tryAcquire(ip(i))).isTrue();
        assertThat(limiter.tryAcquire(ip(4))).as("the table is full of current windows").isFalse();
        assertThat(limiter.trackedSources()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire(ip(4))).isTrue();
        assertThat(limiter.trackedSources()).isEqualTo(1);
    }
}
