package im.magpie.server.dispatch;

import im.magpie.protocol.Errors;
import im.magpie.protocol.ProtocolVersion;
import im.magpie.protocol.codec.DecodedFrame;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.HelloOk;
import im.magpie.server.session.CloseReason;
import im.magpie.server.store.DatabaseHealth;
import im.magpie.server.session.Connection;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-neutral front door: every decoded frame of every connection comes here. It answers
 * "say Hello first", "not logged in", "too many requests", "bad request" in one place, runs the
 * route, and maps failures to typed {@code Error} frames. Called on the connection's event loop.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Routes routes;
    private final Supplier<HelloOk> helloOk;
    private final DatabaseHealth health; // null: no database to watch (tests of the transport)

    public Dispatcher(Routes routes, Supplier<HelloOk> helloOk) {
        this(routes, helloOk, null);
    }

    /**
     * With {@code health}: while the database is down, blocking requests (they all need it) are
     * answered UNAVAILABLE at once, and a failure that says it cannot be reached is UNAVAILABLE,
     * never INTERNAL.
     */
    public Dispatcher(Routes routes, Supplier<HelloOk> helloOk, DatabaseHealth health) {
        this.routes = routes;
        this.helloOk = helloOk;
        this.health = health;
    }

    public void dispatch(Connection connection, DecodedFrame decoded) {
        if (decoded instanceof DecodedFrame.Good good) {
            dispatch(connection, good.frame());
        } else if (decoded instanceof DecodedFrame.TooLarge tooLarge) {
            connection.sendAndClose(error(connection, 0, MagpieException.tooLarge("core.frame.too_large",
                    tooLarge.announcedBytes(), tooLarge.maxBytes())),
                    CloseReason.of(CloseReason.Kind.FRAME_TOO_LARGE, tooLarge.announcedBytes() + " > " + tooLarge.maxBytes() + " bytes"));
        } else if (decoded instanceof DecodedFrame.OverBudget over) {
            // Connections that have not logged in share a buffer budget, and it is spent.
            connection.sendAndClose(error(connection, 0, MagpieException.unavailable("core.prelogin.busy")),
                    CloseReason.of(CloseReason.Kind.PRE_LOGIN_MEMORY, "a frame of " + over.announcedBytes() + " bytes"));
        } else if (decoded instanceof DecodedFrame.Malformed malformed) {
            connection.sendAndClose(error(connection, 0, MagpieException.badRequest("core.frame.malformed")),
                    CloseReason.of(CloseReason.Kind.MALFORMED_FRAME, malformed.reason()));
        }
    }

    private void dispatch(Connection connection, Frame frame) {
        if (connection.state() == Connection.State.CLOSED) return;
        if (connection.state() == Connection.State.NEW) {
            hello(connection, frame);
            return;
        }
        if (frame.getBodyCase() == Frame.BodyCase.HELLO) {
            connection.send(error(connection, frame.getId(), MagpieException.badRequest("core.hello.twice")));
            return;
        }
        if (frame.getId() == 0) {
            connection.send(error(connection, 0, MagpieException.badRequest("core.request.no_id")));
            return;
        }
        Routes.Route route = routes.find(frame.getBodyCase()).orElse(null);
        if (route == null) {
            connection.send(error(connection, frame.getId(), MagpieException.badRequest("core.request.unknown")));
            return;
        }
        if (route.access() == Access.AUTHENTICATED && !connection.isAuthenticated()) {
            connection.send(error(connection, frame.getId(), MagpieException.unauthenticated("core.login.required")));
            return;
        }
        Call call = new Call(connection, frame);
        if (route instanceof Routes.Blocking blocking) {
            boolean queued = connection.requests().offer(() -> runBlocking(call, blocking.handler()));
            if (!queued) {
                connection.send(error(connection, frame.getId(), MagpieException.rateLimited(1, "core.request.too_many")));
            }
        } else if (route instanceof Routes.Async async) {
            runAsync(call, async.handler());
        }
    }

    private void hello(Connection connection, Frame frame) {
        if (frame.getBodyCase() != Frame.BodyCase.HELLO) {
            connection.sendAndClose(error(connection, frame.getId(), MagpieException.badRequest("core.hello.first")),
                    CloseReason.of(CloseReason.Kind.PROTOCOL_ERROR, "no Hello"));
            return;
        }
        Hello hello = frame.getHello();
        connection.helloDone(ServerText.supportedLocale(hello.getLocale()));
        if (!ProtocolVersion.isSupported(hello.getMajor())) {
            connection.sendAndClose(error(connection, frame.getId(),
                    new MagpieException(ErrorCode.BAD_VERSION, 0, "core.hello.bad_version",
                            ProtocolVersion.describe(hello.getMajor(), hello.getMinor()), ProtocolVersion.describe())),
                    CloseReason.of(CloseReason.Kind.PROTOCOL_ERROR,
                            "unsupported protocol " + Integer.toUnsignedString(hello.getMajor())));
            return;
        }
        connection.send(Frame.newBuilder().setId(frame.getId()).setHelloOk(helloOk.get()).build());
    }

    private void runBlocking(Call call, Routes.BlockingHandler handler) {
        Connection connection = call.connection();
        if (connection.state() == Connection.State.CLOSED) return;
        if (health != null && !health.up()) {
            connection.send(error(connection, call.requestId(), databaseUnavailable()));
            return;
        }
        Frame response;
        try {
            response = handler.handle(call).setId(call.requestId()).build();
        } catch (RuntimeException e) {
            response = failure(call, e);
        }
        connection.send(response);
    }

    private void runAsync(Call call, Routes.AsyncHandler handler) {
        CompletionStage<Frame.Builder> stage;
        try {
            stage = handler.handle(call);
        } catch (RuntimeException e) {
            call.connection().send(failure(call, e));
            return;
        }
        stage.whenComplete((body, e) -> call.connection().send(
                e == null ? body.setId(call.requestId()).build() : failure(call, e)));
    }

    private Frame failure(Call call, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof MagpieException me) {
            log.debug("{} {} -> {} {}", call.connection(), call.frame().getBodyCase(), me.code(), me.key());
            return error(call.connection(), call.requestId(), me);
        }
        if (health != null && health.failed(cause)) {
            log.warn("{} {}: database unavailable ({})", call.connection(), call.frame().getBodyCase(), cause.toString());
            return error(call.connection(), call.requestId(), databaseUnavailable());
        }
        log.error("{} {} failed", call.connection(), call.frame().getBodyCase(), cause);
        return error(call.connection(), call.requestId(),
                new MagpieException(ErrorCode.INTERNAL, 0, "core.internal"));
    }

    private MagpieException databaseUnavailable() {
        return new MagpieException(ErrorCode.UNAVAILABLE, health.retryAfterSeconds(), "core.database.unavailable");
    }

    /** Renders a typed failure as an {@code Error} frame in the connection's language. */
    public static Frame error(Connection connection, long requestId, MagpieException e) {
        return Errors.frame(requestId, e.code(),
                ServerText.render(e.key(), connection.locale(), e.args()), e.retryAfterSeconds());
    }
}
