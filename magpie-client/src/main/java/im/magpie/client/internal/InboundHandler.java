package im.magpie.client.internal;

import im.magpie.client.MagpieConnectionException;
import im.magpie.protocol.codec.DecodedFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/** The last handler of the client pipeline: hands frames to the {@link Connection}. */
final class InboundHandler extends SimpleChannelInboundHandler<DecodedFrame> {
    private final Connection connection;

    InboundHandler(Connection connection) {
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DecodedFrame decoded) {
        if (decoded instanceof DecodedFrame.Good good) {
            connection.onFrame(good.frame());
        } else if (decoded instanceof DecodedFrame.TooLarge tooLarge) {
            connection.close(new MagpieConnectionException("the server sent a frame of "
                    + tooLarge.announcedBytes() + " bytes, over the limit of " + tooLarge.maxBytes()));
        } else if (decoded instanceof DecodedFrame.Malformed malformed) {
            connection.close(new MagpieConnectionException("the server sent a malformed frame: "
                    + malformed.reason()));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.close(new MagpieConnectionException("connection failed: " + cause.getMessage(), cause));
    }
}
