package im.magpie.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.PresenceChanged;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames handed to event loops in batches, on a real (embedded) channel. */
class OutboundBatchTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Connection connection = new Connection(channel, 1 << 20, new RequestQueue(Runnable::run, 8));

    private static Frame push(long userId) {
        return Frame.newBuilder().setPresenceChanged(PresenceChanged.newBuilder().setUserId(userId)).build();
    }

    /** The users of the presence frames that have left the channel (been flushed), in order. */
    private List<Long> flushed() {
        channel.runPendingTasks();
        List<Long> users = new ArrayList<>();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            users.add(((Frame) o).getPresenceChanged().getUserId());
        }
        return users;
    }

    @Test
    void a_batch_leaves_at_its_end_in_order() {
        OutboundBatch.run(() -> {
            connection.send(push(1));
            connection.send(push(2));
            assertThat(flushed()).as("held until the batch ends").isEmpty();
        });
        assertThat(flushed()).containsExactly(1L, 2L);
        connection.send(push(3)); // outside a batch: at once
        assertThat(flushed()).containsExactly(3L);
    }
}
