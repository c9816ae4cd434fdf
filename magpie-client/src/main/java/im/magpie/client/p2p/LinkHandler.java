package im.magpie.client.p2p;

import im.magpie.protocol.codec.DecodedFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Ok;

/**
 * The last handler of a channel connection: turns the handshake, frames, idleness and the end of
 * the connection into calls on {@link Events}. Until the handshake succeeds nothing is read: a
 * stranger whose certificate was not introduced fails the handshake and is closed without a frame.
 * The listener's first frame is a welcome ({@code Ok}); the dialer's link opens only with it.
 */
final class LinkHandler extends SimpleChannelInboundHandler<DecodedFrame> {

    /** What the channels do with a connection's life. */
    interface Events {
        /**
         * A handshake succeeded with the certificate {@code fingerprint}: the link, or null to close it.
         * {@code dialedPeer} is the user we dialed, 0 for a connection our listener accepted.
         */
        DirectLink handshaken(Channel channel, String fingerprint, long dialedPeer);

        void frame(DirectLink link, Frame frame);

        void closed(DirectLink link);
    }

    private final Events events;
    private final long dialedPeer;
    private final CompletableFuture<DirectLink> handshake;
    private DirectLink link;

    LinkHandler(Events events, long dialedPeer, CompletableFuture<DirectLink> handshake) {
        this.events = events;
        this.dialedPeer = dialedPeer;
        this.handshake = handshake;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                handshake.completeExceptionally(new DirectChannelException("TLS handshake failed: " + done.cause().getMessage()));
                ctx.close();
                return;
            }
            X509Certificate peer = (X509Certificate) ctx.pipeline().get(SslHandler.class).engine().getSession()
                    .getPeerCertificates()[0];
            link = events.handshaken(ctx.channel(), ChannelIdentity.fingerprint(peer), dialedPeer);
            if (link == null) {
                handshake.completeExceptionally(new DirectChannelException("certificate not expected"));
                ctx.close();
            } else if (dialedPeer == 0) {
                // TLS 1.3: the dialer finishes its handshake before we have checked its certificate,
                // so it counts the link as open only after this welcome.
                ctx.writeAndFlush(Frame.newBuilder().setOk(Ok.getDefaultInstance()).build());
            }
        } else if (evt instanceof IdleStateEvent) {
            if (link != null) link.close("idle");
            else ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DecodedFrame decoded) {
        if (link == null) {
            ctx.close();
            return;
        }
        if (decoded instanceof DecodedFrame.Good good) {
            if (dialedPeer != 0 && !handshake.isDone()) {
                if (good.frame().hasOk()) handshake.complete(link);
                else link.close("no welcome from the peer");
                return;
            }
            events.frame(link, good.frame());
        } else {
            link.close("bad frame from the peer: " + decoded);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshake.completeExceptionally(new DirectChannelException("connection closed before the handshake finished"));
        if (link != null) {
            link.close("connection closed");
            events.closed(link);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (link != null) link.close(String.valueOf(cause.getMessage()));
        else ctx.close();
    }
}
