package im.magpie.protocol.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import im.magpie.protocol.proto.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Decodes length-prefixed frames (4-byte big-endian length, then one protobuf {@code Frame}) into
 * {@link DecodedFrame} values. A state machine: after a frame that announces more than
 * {@code maxFrameBytes} it emits {@link DecodedFrame.TooLarge} once and then discards all input,
 * so a hostile peer can never make us buffer more than the limit.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private enum State { READ_LENGTH, READ_BODY, DISCARD }

    private final int maxFrameBytes;
    private State state = State.READ_LENGTH;
    private int bodyLength;

    public FrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case READ_LENGTH -> {
                    if (in.readableBytes() < 4) {
                        return;
                    }
                    long announced = in.readUnsignedInt();
                    if (announced > maxFrameBytes) {
                        state = State.DISCARD;
                        out.add(new DecodedFrame.TooLarge(announced, maxFrameBytes));
                        continue;
                    }
                    bodyLength = (int) announced;
                    state = State.READ_BODY;
                }
                case READ_BODY -> {
                    if (in.readableBytes() < bodyLength) {
                        return;
                    }
                    out.add(parse(in, bodyLength));
                    state = State.READ_LENGTH;
                }
                case DISCARD -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    private static DecodedFrame parse(ByteBuf in, int length) {
        ByteBuf body = in.readSlice(length);
        try {
            // Straight from the buffer's memory: parsing from an InputStream made protobuf allocate
            // a 4 KiB read buffer for every frame (the largest allocation per message on the server).
            Frame frame = body.nioBufferCount() == 1
                    ? Frame.parseFrom(body.nioBuffer())
                    : Frame.parseFrom(ByteBufUtil.getBytes(body));
            return new DecodedFrame.Good(frame);
        } catch (InvalidProtocolBufferException e) {
            return new DecodedFrame.Malformed(e.getMessage());
        }
    }
}
