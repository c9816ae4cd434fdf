package im.magpie.cli.bench.xmpp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Bytes in, {@link XmppEvent}s out: {@link XmppStreamParser} on a connection's event loop. */
public final class XmppStreamDecoder extends ChannelInboundHandlerAdapter {
    private final XmppStreamParser parser = new XmppStreamParser();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(buf); // Aalto's feeder reads from an array until the events are taken
        } finally {
            buf.release();
        }
        parser.feed(bytes, 0, bytes.length, ctx::fireChannelRead);
    }

    /** See {@link XmppStreamParser#restart()}. */
    public void restart() {
        parser.restart();
    }
}
