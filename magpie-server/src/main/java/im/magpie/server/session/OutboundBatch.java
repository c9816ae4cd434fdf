package im.magpie.server.session;

import im.magpie.protocol.proto.Frame;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the frames one thread sends to many connections and hands them to each event loop in
 * one task. A write from outside the channel's event loop is a task of its own, and often a
 * wakeup of the loop (a system call); the send writer writes two frames per message (the ack, the
 * push), so per group commit that was two tasks per message. Within a batch each connection keeps
 * the order of its frames and is flushed once. Not thread-safe: one batch per thread
 * ({@link #run}).
 */
public final class OutboundBatch {
    private static final ThreadLocal<OutboundBatch> CURRENT = new ThreadLocal<>();

    private final Map<EventLoop, List<Pending>> byLoop = new IdentityHashMap<>();

    private record Pending(Channel channel, Frame frame) {}

    private OutboundBatch() {}

    /** Runs {@code work}; the frames it sends through {@link Connection#send} leave together at its end. */
    public static void run(Runnable work) {
        if (CURRENT.get() != null) {
            work.run(); // already batching
            return;
        }
        OutboundBatch batch = new OutboundBatch();
        CURRENT.set(batch);
        try {
            work.run();
        } finally {
            CURRENT.remove();
            batch.hand();
        }
    }

    /** Takes the frame into the current thread's batch; false when there is none. */
    static boolean offer(Channel channel, Frame frame) {
        OutboundBatch batch = CURRENT.get();
        if (batch == null) return false;
        batch.byLoop.computeIfAbsent(channel.eventLoop(), l -> new ArrayList<>()).add(new Pending(channel, frame));
        return true;
    }

    private void hand() {
        for (Map.Entry<EventLoop, List<Pending>> e : byLoop.entrySet()) {
            List<Pending> frames = e.getValue();
            e.getKey().execute(() -> {
                Set<Channel> written = new LinkedHashSet<>();
                for (Pending p : frames) {
                    p.channel().write(p.frame(), p.channel().voidPromise());
                    written.add(p.channel());
                }
                for (Channel c : written) c.flush();
            });
        }
    }
}
