package im.magpie.protocol.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import im.magpie.protocol.proto.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.List;

/**
 * Decodes length-prefixed frames (4-byte big-endian length, then one protobuf {@code Frame}) into
 * {@link DecodedFrame} values. A state machine: after a frame that announces more than
 * {@code maxFrameBytes} it emits {@link DecodedFrame.TooLarge} once and then discards all input,
 * so a hostile peer can never make us buffer more than the limit.
 *
 * <p>The limit may change while the connection lives ({@link #limit}): a server allows small
 * frames before login and large ones after. A {@link ByteBudget} shared by many connections can
 * bound what they buffer together: a body is reserved when its length arrives; when the budget
 * is spent the decoder emits {@link DecodedFrame.OverBudget} once and discards like after
 * TooLarge. Confined to the channel's event loop.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private enum State { READ_LENGTH, READ_BODY, DISCARD }

    /** Frames up to this size (nearly all: a chat message is a few hundred bytes) parse from a scratch array. */
    static final int SCRATCH_BYTES = 8 * 1024;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };

    private int maxFrameBytes;
    private ByteBudget budget;
    private State state = State.READ_LENGTH;
    private int bodyLength;
    private int reserved; // bytes of `budget` held for the body being read

    public FrameDecoder(int maxFrameBytes) {
        this(maxFrameBytes, ByteBudget.UNLIMITED);
    }

    public FrameDecoder(int maxFrameBytes, ByteBudget budget) {
        limit(maxFrameBytes, budget);
    }

    /**
     * Changes the limit and the budget for the frames whose length has not arrived yet (the one
     * being read keeps its reservation in the old budget until it is parsed). On the event loop.
     */
    public void limit(int maxFrameBytes, ByteBudget budget) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        if (reserved > 0 && this.budget != budget) {
            this.budget.release(reserved);
            reserved = 0;
        }
        this.maxFrameBytes = maxFrameBytes;
        this.budget = budget;
    }

    /** True while a frame has begun to arrive and is not complete (for a deadline to finish it). */
    public boolean midFrame() {
        return state == State.READ_BODY || (state == State.READ_LENGTH && actualReadableBytes() > 0);
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
                    if (in.readableBytes() < bodyLength) {
                        // It will wait in our buffer: count it before it arrives.
                        if (!budget.tryReserve(bodyLength)) {
                            state = State.DISCARD;
                            out.add(new DecodedFrame.OverBudget(announced));
                            continue;
                        }
                        reserved = bodyLength;
                    }
                    state = State.READ_BODY;
                }
                case READ_BODY -> {
                    if (in.readableBytes() < bodyLength) {
                        return;
                    }
                    out.add(parse(in, bodyLength));
                    releaseReservation();
                    state = State.READ_LENGTH;
                }
                case DISCARD -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseReservation(); // the connection is gone, and with it what it held
    }

    private void releaseReservation() {
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    private static DecodedFrame parse(ByteBuf in, int length) {
        try {
            Frame frame;
            if (length <= SCRATCH_BYTES) {
                // Copied into this thread's scratch array and parsed from there: parsing from the
                // (direct) buffer's memory cost a slice, two NIO buffer views and a decoder over them
                // per frame; from an array only the decoder. Protobuf copies what it keeps (strings,
                // bytes), so the array can be reused at once.
                byte[] scratch = SCRATCH.get();
                in.readBytes(scratch, 0, length);
                frame = Frame.parser().parseFrom(scratch, 0, length);
            } else {
                // Never from an InputStream: protobuf would allocate a 4 KiB read buffer per frame.
                frame = Frame.parseFrom(ByteBufUtil.getBytes(in.readSlice(length)));
            }
            return new DecodedFrame.Good(frame);
        } catch (InvalidProtocolBufferException e) {
            return new DecodedFrame.Malformed(e.getMessage());
        }
    }
}
