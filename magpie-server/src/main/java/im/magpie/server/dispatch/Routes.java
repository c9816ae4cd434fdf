package im.magpie.server.dispatch;

import im.magpie.protocol.proto.Frame;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The table from request body to handler, filled by each feature at assembly. Handlers are thin:
 * decode, call the feature, encode. They return the response {@link Frame.Builder} with its body
 * set; the dispatcher sets the request id and writes it.
 */
public final class Routes {

    /** Runs on a worker thread, one request at a time per connection (so a client's order holds). */
    @FunctionalInterface
    public interface BlockingHandler {
        Frame.Builder handle(Call call);
    }

    /**
     * Runs on the connection's event loop, in arrival order, and must not block: it hands the work
     * on (e.g. to a batching writer) and completes the stage later from any thread.
     */
    @FunctionalInterface
    public interface AsyncHandler {
        CompletionStage<Frame.Builder> handle(Call call);
    }

    public sealed interface Route permits Blocking, Async {
        Access access();
    }

    public record Blocking(Access access, BlockingHandler handler) implements Route {}

    public record Async(Access access, AsyncHandler handler) implements Route {}

    private final Map<Frame.BodyCase, Route> routes = new EnumMap<>(Frame.BodyCase.class);

    public Routes blocking(Frame.BodyCase body, Access access, BlockingHandler handler) {
        return add(body, new Blocking(access, handler));
    }

    public Routes async(Frame.BodyCase body, Access access, AsyncHandler handler) {
        return add(body, new Async(access, handler));
    }

    private Routes add(Frame.BodyCase body, Route route) {
        if (routes.putIfAbsent(body, route) != null) {
            throw new IllegalStateException("two handlers for " + body);
        }
        return this;
    }

    public Optional<Route> find(Frame.BodyCase body) {
        return Optional.ofNullable(routes.get(body));
    }
}
