package im.magpie.server.transport;

import im.magpie.protocol.codec.DecodedFrame;
import im.magpie.server.dispatch.Dispatcher;
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
 * resumes. Confined to the channel's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger("im.magpie.server.connections");

    private final Dispatcher dispatcher;
    private final SessionRegistry sessions;
    private final Executor blocking;
    private final long maxOutboundBytes;
    private final int maxPendingRequests;
    private final ArrayDeque<DecodedFrame> held = new ArrayDeque<>();
    private Connection connection;

    ConnectionHandler(Dispatcher dispatcher, SessionRegistry sessions, Executor blocking,
                      long maxOutboundBytes, int maxPendingRequests) {
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.blocking = blocking;
        this.maxOutboundBytes = maxOutboundBytes;
        this.maxPendingRequests = maxPendingRequests;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new Connection(ctx.channel(), maxOutboundBytes, new RequestQueue(blocking, maxPendingRequests));
        sessions.opened(connection);
        log.info("connect {}", ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DecodedFrame frame) {
            if (connection.readingPaused() || !held.isEmpty()) held.add(frame);
            else dispatcher.dispatch(connection, frame);
        } else {
            ctx.fireChannelRead(msg);
        }
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
            connection.close("heartbeat timeout");
            return;
        }
        if (evt == Connection.READING_RESUMED) {
            dispatchHeld(ctx);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Frames read before a pause first; reading again only once they are all dispatched. */
    private void dispatchHeld(ChannelHandlerContext ctx) {
        while (!held.isEmpty() && !connection.readingPaused()) dispatcher.dispatch(connection, held.poll());
        if (held.isEmpty() && !connection.readingPaused()) ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        held.clear();
        if (connection != null && connection.markClosed("peer closed")) {
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
        if (connection != null) connection.close("error: " + cause.getClass().getSimpleName());
        else ctx.close();
    }
}
