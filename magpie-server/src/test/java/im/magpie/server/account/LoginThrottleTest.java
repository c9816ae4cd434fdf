package im.magpie.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(clock,
            new LoginThrottle.Policy(5, Duration.ofSeconds(30), 50, 100, Duration.ofMinutes(15), 20));

    private static ErrorCode refusal(Runnable r) {
        try {
            r.run();
            return null;
        } catch (MagpieException e) {
            return e.code();
        }
    }

    @Test
    void six_attempts_started_before_any_result_let_only_five_through_a_limit_of_five() {
        List<LoginThrottle.Attempt> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) started.add(throttle.begin("bob", "10.0.0.1", false));
        assertThatThrownBy(() -> throttle.begin("bob", "10.0.0.1", false))
                .isInstanceOfSatisfying(MagpieException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        started.forEach(LoginThrottle.Attempt::failed);
    }

    @Test
    void parallel_attempts_never_exceed_the_limit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LoginThrottle.Attempt>> tries = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tries.add(pool.submit(() -> {
                    go.await();
                    try {
                        return throttle.begin("bob", "10.0.0.1", false);
                    } catch (MagpieException e) {
                        return null;
                    }
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<LoginThrottle.Attempt> f : tries) if (f.get(10, TimeUnit.SECONDS) != null) admitted++;
            assertThat(admitted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void delays_double_after_the_limit_and_a_success_forgives_the_pair() {
        for (int i = 0; i < 5; i++) throttle.begin("bob", "10.0.0.1", false).failed();
        assertThat(refusal(() -> throttle.begin("bob", "10.0.0.1", false))).isEqualTo(ErrorCode.RATE_LIMITED);
        clock.advance(Duration.ofSeconds(30));
        throttle.begin("bob", "10.0.0.1", false).failed();
        clock.advance(Duration.ofSeconds(59));
        assertThat(refusal(() -> throttle.begin("bob", "10.0.0.1", false))).isEqualTo(ErrorCode.RATE_LIMITED);
        clock.advance(Duration.ofSeconds(1));
        throttle.begin("bob", "10.0.0.1", false).succeeded();
        assertThat(refusal(() -> throttle.begin("bob", "10.0.0.1", false).failed())).isNull();
    }

    @Test
    void an_attempt_whose_check_could_not_be_made_counts_for_nothing() {
        for (int i = 0; i < 10; i++) throttle.begin("bob", "10.0.0.1", false).abandoned();
        for (int i = 0; i < 5; i++) throttle.begin("bob", "10.0.0.1", false).ended(false);
        assertThat(refusal(() -> throttle.begin("bob", "10.0.0.1", false))).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    @Test
    void ipv6_addresses_count_by_their_64_network() {
        assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1")).isEqualTo(LoginThrottle.addressKey("2001:db8:1:2:bbbb::9"));
        assertThat(LoginThrottle.addressKey("2001:db8:1:3::1")).isNotEqualTo(LoginThrottle.addressKey("2001:db8:1:2::1"));
        assertThat(LoginThrottle.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
    }
}
