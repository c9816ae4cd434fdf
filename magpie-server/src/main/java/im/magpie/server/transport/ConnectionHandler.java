package im.magpie.server.transport;

import im.magpie.protocol.codec.ByteBudget;
import im.magpie.protocol.codec.DecodedFrame;
import im.magpie.protocol.codec.FrameDecoder;
import im.magpie.server.dispatch.Dispatcher;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.session.CloseReason;
import im.magpie.server.session.Connection;
import im.magpie.server.session.RequestQueue;
import im.magpie.server.session.SessionRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a channel to its {@link Connection}: open, frames to the dispatcher, backpressure, close.
 * While reading is paused ({@link Connection.ReadPause}), frames already read (the rest of the
 * last read, at most one read buffer) wait here in order and go to the dispatcher first when it
 * resumes. Before login the connection is counted by the {@link PreLoginGuard} and its decoder
 * takes only small frames, out of the guard's shared budget; at login both are lifted. The
 * {@link ConnectionDeadlines} follow its steps. The first reason it was closed for is logged.
 * Confined to the channel's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger("im.magpie.server.connections");

    private final Dispatcher dispatcher;
    private final SessionRegistry sessions;
    private final Executor blocking;
    private final long maxOutboundBytes;
    private final int maxPendingRequests;
    private final FrameDecoder decoder;
    private final PreLoginGuard guard;
    private final ConnectionLimits limits;
    private final ArrayDeque<DecodedFrame> held = new ArrayDeque<>();
    private Connection connection;
    private ConnectionDeadlines deadlines;
    private String countedAs; // the address the guard counts this connection under, until login

    ConnectionHandler(Dispatcher dispatcher, SessionRegistry sessions, Executor blocking,
                      long maxOutboundBytes, int maxPendingRequests,
                      FrameDecoder decoder, PreLoginGuard guard, ConnectionLimits limits) {
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.blocking = blocking;
        this.maxOutboundBytes = maxOutboundBytes;
        this.maxPendingRequests = maxPendingRequests;
        this.decoder = decoder;
        this.guard = guard;
        this.limits = limits;
    }

    /** The connection, once the channel is active (for tests). */
    Connection connection() {
        return connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new Connection(ctx.channel(), maxOutboundBytes, new RequestQueue(blocking, maxPendingRequests));
        sessions.opened(connection);
        log.info("connect {}", ctx.channel().remoteAddress());
        String address = connection.remoteHost();
        if (guard.admit(address)) {
            countedAs = address;
            deadlines = new ConnectionDeadlines(connection, ctx.executor(), limits);
            deadlines.stateChanged();
        } else {
            decoder.limit(limits.preLoginMaxFrameBytes(), ByteBudget.UNLIMITED);
            connection.sendAndClose(Dispatcher.error(connection, 0, MagpieException.rateLimited(1,
                    "core.prelogin.too_many", limits.unauthenticatedPerAddress())),
                    CloseReason.of(CloseReason.Kind.TOO_MANY_UNAUTHENTICATED,
                            limits.unauthenticatedPerAddress() + " from " + address));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DecodedFrame frame) {
            if (deadlines != null) deadlines.frameDone();
            if (connection.readingPaused() || !held.isEmpty()) held.add(frame);
            else dispatch(frame);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void dispatch(DecodedFrame frame) {
        dispatcher.dispatch(connection, frame);
        if (deadlines != null) deadlines.stateChanged(); // Hello moves NEW on to CONNECTED here
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (deadlines != null && decoder.midFrame()) deadlines.frameStarted();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Backpressure: while the client does not read our answers, we stop reading its requests.
        if (connection == null) {
            ctx.fireChannelWritabilityChanged();
            return;
        }
        if (ctx.channel().isWritable()) connection.resumeReading(Connection.ReadPause.CLIENT_NOT_READING);
        else connection.pauseReading(Connection.ReadPause.CLIENT_NOT_READING);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            connection.close(CloseReason.of(CloseReason.Kind.HEARTBEAT_TIMEOUT));
            return;
        }
        if (evt == Connection.READING_RESUMED) {
            dispatchHeld(ctx);
            return;
        }
        if (evt == Connection.AUTHENTICATED_EVENT) {
            loggedIn();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Logged in: full-size frames, no longer counted as unauthenticated, no handshake deadline. */
    private void loggedIn() {
        decoder.limit(limits.maxFrameBytes(), ByteBudget.UNLIMITED);
        leaveGuard();
        if (deadlines != null) deadlines.stateChanged();
    }

    private void leaveGuard() {
        if (countedAs != null) {
            guard.leave(countedAs);
            countedAs = null;
        }
    }

    /** Frames read before a pause first; reading again only once they are all dispatched. */
    private void dispatchHeld(ChannelHandlerContext ctx) {
        while (!held.isEmpty() && !connection.readingPaused()) dispatch(held.poll());
        if (held.isEmpty() && !connection.readingPaused()) ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        held.clear();
        if (deadlines != null) deadlines.cancelAll();
        leaveGuard();
        if (connection != null && connection.markClosed(CloseReason.of(CloseReason.Kind.PEER_CLOSED))) {
            sessions.closed(connection);
            Connection.Identity who = connection.identity();
            log.info("disconnect {}{} reason={}", ctx.channel().remoteAddress(),
                    who == null ? "" : " user=" + who.username(), connection.closeReason());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof DecoderException
                || cause.getCause() instanceof NotSslRecordException) {
            log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("{}: unexpected error", ctx.channel().remoteAddress(), cause);
        }
        CloseReason reason = cause instanceof IOException
                ? CloseReason.of(CloseReason.Kind.PEER_CLOSED, cause.getClass().getSimpleName())
                : CloseReason.of(CloseReason.Kind.ERROR, cause.getClass().getSimpleName());
        if (connection != null) connection.close(reason);
        else ctx.close();
    }
}
