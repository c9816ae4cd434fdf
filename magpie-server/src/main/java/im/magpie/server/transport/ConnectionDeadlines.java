package im.magpie.server.transport;

import im.magpie.server.session.CloseReason;
import im.magpie.server.session.Connection;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection's deadlines against slow-loris clients, on its event loop's timer: Hello within
 * {@code hello} of connecting, login within {@code login} of Hello, and every frame complete within
 * {@code frame} of its first byte. Any byte resets the idle (heartbeat) timer, so that one alone
 * cannot catch a client that trickles. Confined to the channel's event loop.
 */
final class ConnectionDeadlines {
    private final Connection connection;
    private final EventExecutor loop;
    private final ConnectionLimits limits;
    private Connection.State stageOf; // the state the stage deadline was set for
    private ScheduledFuture<?> stage;
    private ScheduledFuture<?> frame;

    ConnectionDeadlines(Connection connection, EventExecutor loop, ConnectionLimits limits) {
        this.connection = connection;
        this.loop = loop;
        this.limits = limits;
    }

    /** Sets the deadline of the connection's current step, if it has moved on since the last call. */
    void stateChanged() {
        Connection.State now = connection.state();
        if (now == stageOf) return;
        cancel(stage);
        stage = null;
        stageOf = now;
        if (now == Connection.State.NEW) {
            stage = closeIfStill(now, limits.helloDeadline(), CloseReason.Kind.HELLO_DEADLINE);
        } else if (now == Connection.State.CONNECTED) {
            stage = closeIfStill(now, limits.loginDeadline(), CloseReason.Kind.LOGIN_DEADLINE);
        }
    }

    /** A frame has begun to arrive (no-op while one is already timed). */
    void frameStarted() {
        if (frame != null) return;
        Duration d = limits.frameDeadline();
        frame = loop.schedule(() -> connection.close(CloseReason.of(CloseReason.Kind.FRAME_DEADLINE,
                "a frame unfinished after " + d.toSeconds() + " s")), d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The frame being timed is complete. */
    void frameDone() {
        cancel(frame);
        frame = null;
    }

    void cancelAll() {
        cancel(stage);
        cancel(frame);
        stage = null;
        frame = null;
    }

    private ScheduledFuture<?> closeIfStill(Connection.State state, Duration after, CloseReason.Kind why) {
        return loop.schedule(() -> {
            if (connection.state() == state) {
                connection.close(CloseReason.of(why, "after " + after.toSeconds() + " s"));
            }
        }, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }
}
