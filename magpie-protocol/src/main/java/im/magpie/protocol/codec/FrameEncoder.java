package im.magpie.protocol.codec;

import com.google.protobuf.CodedOutputStream;
import im.magpie.protocol.proto.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/** Writes a {@code Frame} as a 4-byte big-endian length followed by its protobuf bytes. */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {}

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
        int size = frame.getSerializedSize() + 4;
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) throws IOException {
        int size = frame.getSerializedSize();
        out.writeInt(size);
        if (out.nioBufferCount() == 1) {
            // Straight into the buffer's memory, without an OutputStream and its staging buffer.
            out.ensureWritable(size);
            CodedOutputStream coded = CodedOutputStream.newInstance(out.internalNioBuffer(out.writerIndex(), size));
            frame.writeTo(coded);
            coded.checkNoSpaceLeft();
            out.writerIndex(out.writerIndex() + size);
        } else {
            try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
                frame.writeTo(stream);
            }
        }
    }
}
