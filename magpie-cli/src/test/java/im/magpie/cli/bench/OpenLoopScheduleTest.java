package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void messages_are_due_at_start_plus_k_periods() {
        OpenLoopSchedule s = new OpenLoopSchedule(1_000, 1_000, 100); // 1 ms period

        assertThat(s.intendedNanos(0)).isEqualTo(1_000);
        assertThat(s.intendedNanos(5)).isEqualTo(1_000 + 5_000_000);
        assertThat(s.dueBy(999)).isZero();
        assertThat(s.dueBy(1_000)).isEqualTo(1);
        assertThat(s.dueBy(1_000 + 2_500_000)).isEqualTo(3);
    }

    @Test
    void the_schedule_stops_at_its_limit() {
        OpenLoopSchedule s = new OpenLoopSchedule(0, 10_000, 50);

        assertThat(s.dueBy(10_000_000_000L)).isEqualTo(50);
        assertThat(s.limit()).isEqualTo(50);
    }

    @Test
    void a_stall_is_charged_to_every_message_it_delayed_coordinated_omission_correction() {
        // 1,000 msg/s; the sender stalls for 100 ms and then sends the backlog at once at t = 100 ms.
        OpenLoopSchedule s = new OpenLoopSchedule(0, 1_000, 1_000);
        long resumedAt = 100_000_000;
        long due = s.dueBy(resumedAt);
        assertThat(due).isEqualTo(101);

        // Each arrives 0.1 ms after the burst: the first was meant for t = 0, so it waited 100.1 ms.
        long arrival = resumedAt + 100_000;
        assertThat(OpenLoopSchedule.correctedLatencyNanos(s.intendedNanos(0), arrival)).isEqualTo(100_100_000);
        assertThat(OpenLoopSchedule.correctedLatencyNanos(s.intendedNanos(50), arrival)).isEqualTo(50_100_000);
        assertThat(OpenLoopSchedule.correctedLatencyNanos(s.intendedNanos(100), arrival)).isEqualTo(100_000);
    }

    @Test
    void a_latency_is_never_negative() {
        assertThat(OpenLoopSchedule.correctedLatencyNanos(1_000, 999)).isZero();
    }

    @Test
    void a_rate_must_be_positive_and_finite() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(0, Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(0, Double.POSITIVE_INFINITY, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
