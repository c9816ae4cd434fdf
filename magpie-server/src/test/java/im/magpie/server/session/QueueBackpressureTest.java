package im.magpie.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pausing and resuming connection reads around a filling queue, on real (embedded) Netty channels. */
class QueueBackpressureTest {

    /** A channel that records the READING_RESUMED events its connection fires. */
    private static final class Probe {
        final List<Object> events = new ArrayList<>();
        final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
        final Connection connection = new Connection(channel, 1 << 20, new RequestQueue(Runnable::run, 8));

        long resumes() {
            channel.runPendingTasks();
            return events.stream().filter(e -> e == Connection.READING_RESUMED).count();
        }
    }

    /** The queue's size, as the tests set it. */
    private final AtomicInteger size = new AtomicInteger();

    @Test
    void a_sender_is_paused_at_the_high_mark_once_and_resumed_at_the_low_mark() {
        QueueBackpressure pressure = new QueueBackpressure(size::get, 4, 2);
        Probe p = new Probe();

        size.set(3);
        pressure.queued(p.connection);
        assertThat(p.connection.readingPaused()).isFalse();
        assertThat(p.channel.config().isAutoRead()).isTrue();

        size.set(4);
        pressure.queued(p.connection);
        size.set(5);
        pressure.queued(p.connection); // frames of the same read: still one pause
        assertThat(p.connection.readingPaused()).isTrue();
        assertThat(p.channel.config().isAutoRead()).isFalse();
        assertThat(pressure.pauses()).isEqualTo(1);
        assertThat(pressure.pausedConnections()).isEqualTo(1);

        size.set(3);
        pressure.drained();
        assertThat(p.connection.readingPaused()).as("above the low mark").isTrue();
        assertThat(p.resumes()).isZero();

        size.set(2);
        pressure.drained();
        assertThat(p.connection.readingPaused()).isFalse();
        assertThat(p.resumes()).isEqualTo(1);
        assertThat(pressure.pausedConnections()).isZero();
    }

    @Test
    void every_connection_paused_for_the_queue_is_resumed_together() {
        QueueBackpressure pressure = QueueBackpressure.forCapacity(8, size::get); // high 4, low 2
        Probe first = new Probe();
        Probe second = new Probe();
        size.set(4);
        pressure.queued(first.connection);
        size.set(6);
        pressure.queued(second.connection);
        assertThat(pressure.pausedConnections()).isEqualTo(2);

        size.set(0);
        pressure.drained();
        assertThat(first.resumes()).isEqualTo(1);
        assertThat(second.resumes()).isEqualTo(1);
        assertThat(first.connection.readingPaused()).isFalse();
        assertThat(second.connection.readingPaused()).isFalse();
    }

    @Test
    void reading_resumes_only_when_no_reason_is_left() {
        Probe p = new Probe();
        assertThat(p.connection.pauseReading(Connection.ReadPause.CLIENT_NOT_READING)).isTrue();
        assertThat(p.connection.pauseReading(Connection.ReadPause.SERVER_BUSY)).isTrue();
        assertThat(p.connection.pauseReading(Connection.ReadPause.SERVER_BUSY)).as("already paused for it").isFalse();

        p.connection.resumeReading(Connection.ReadPause.SERVER_BUSY);
        assertThat(p.connection.readingPaused()).isTrue();
        assertThat(p.resumes()).isZero();
        assertThat(p.channel.config().isAutoRead()).isFalse();

        p.connection.resumeReading(Connection.ReadPause.CLIENT_NOT_READING);
        assertThat(p.connection.readingPaused()).isFalse();
        assertThat(p.resumes()).isEqualTo(1);

        p.connection.resumeReading(Connection.ReadPause.CLIENT_NOT_READING); // not paused: nothing to tell
        assertThat(p.resumes()).isEqualTo(1);
    }

    @Test
    void marks_must_leave_room_between_them() {
        assertThatThrownBy(() -> new QueueBackpressure(size::get, 2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueBackpressure(size::get, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        QueueBackpressure tiny = QueueBackpressure.forCapacity(1, size::get); // high 1, low 0
        Probe p = new Probe();
        size.set(1);
        tiny.queued(p.connection);
        assertThat(p.connection.readingPaused()).isTrue();
        tiny.drained();
        assertThat(p.connection.readingPaused()).isTrue();
        size.set(0);
        tiny.drained();
        assertThat(p.connection.readingPaused()).isFalse();
    }
}
