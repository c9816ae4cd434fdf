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
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ties a channel to its {@link Connection}: open, frames to the dispatcher, backpressure, close. */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger("im.magpie.server.connections");

    private final Dispatcher dispatcher;
    private final SessionRegistry sessions;
    private final Executor blocking;
    private final long maxOutboundBytes;
    private final int maxPendingRequests;
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
            dispatcher.dispatch(connection, frame);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Backpressure: while the client does not read our answers, we stop reading its requests.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            connection.close("heartbeat timeout");
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
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
