package im.magpie.server;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Pong;
import im.magpie.server.dispatch.Access;
import im.magpie.server.dispatch.Call;
import im.magpie.server.dispatch.Routes;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongUnaryOperator;

/**
 * Answers heartbeats. The Pong carries the user's newest inbox sequence so a client notices a
 * missed push; the messaging feature supplies that number with {@link #useLatestSeq}. It must be
 * cheap (from memory): pings run on the event loop.
 */
public final class PingHandler {
    private final Clock clock;
    private volatile LongUnaryOperator latestSeq = userId -> 0;

    public PingHandler(Clock clock) {
        this.clock = clock;
    }

    public void useLatestSeq(LongUnaryOperator latestSeq) {
        this.latestSeq = latestSeq;
    }

    void register(Routes routes) {
        routes.async(Frame.BodyCase.PING, Access.ANONYMOUS, this::onPing);
    }

    private CompletionStage<Frame.Builder> onPing(Call call) {
        long userId = call.connection().userId();
        Pong.Builder pong = Pong.newBuilder().setServerTimeMs(clock.millis());
        if (userId != 0) pong.setLatestSeq(latestSeq.applyAsLong(userId));
        return CompletableFuture.completedFuture(Frame.newBuilder().setPong(pong));
    }
}
