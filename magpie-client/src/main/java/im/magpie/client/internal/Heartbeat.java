package im.magpie.client.internal;

import im.magpie.client.MagpieConnectionException;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Ping;
import im.magpie.protocol.proto.Pong;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pings the server every heartbeat interval (as told in {@code HelloOk}). A ping without answer
 * within the request timeout means the connection is dead: it is closed, which fails every
 * request in flight and reports OFFLINE.
 */
public final class Heartbeat {
    private Heartbeat() {}

    public static void start(Connection connection, int intervalSeconds, Duration timeout, Consumer<Pong> onPong) {
        if (intervalSeconds <= 0) {
            return;
        }
        var task = connection.channel().eventLoop().scheduleAtFixedRate(() -> {
            if (!connection.isOpen()) {
                return;
            }
            connection.request(Frame.newBuilder().setPing(Ping.getDefaultInstance()), timeout)
                    .whenComplete((frame, failure) -> {
                        if (failure == null) {
                            onPong.accept(frame.getPong());
                        } else if (connection.isOpen()) {
                            connection.close(new MagpieConnectionException(
                                    "the server stopped answering heartbeats: " + failure.getMessage(), failure));
                        }
                    });
        }, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        connection.channel().closeFuture().addListener(f -> task.cancel(false));
    }
}
