package im.magpie.jmh;

import im.magpie.protocol.Limits;
import im.magpie.protocol.codec.DecodedFrame;
import im.magpie.protocol.codec.FrameDecoder;
import im.magpie.protocol.codec.FrameEncoder;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.EventPush;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The frame codec on the hot path of a one-to-one message: the sender's request decoded by the
 * server, the push encoded for the receiver. Through the real Netty handlers on an
 * {@link EmbeddedChannel} (so the pipeline's own cost is included), and bare protobuf for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
    private Frame request;
    private Frame push;
    private byte[] requestBytes;
    private EmbeddedChannel decoder;
    private EmbeddedChannel encoder;

    @Setup
    public void setUp() {
        request = Frame.newBuilder().setId(1234).setSendMessage(SendMessageRequest.newBuilder()
                .setClientMsgId("k3x9a.2n9c.1x2y3z4w5v6u").setTo(Peer.newBuilder().setUserId(987654321012345L))
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText("x".repeat(32))))).build();
        push = Frame.newBuilder().setEvent(EventPush.newBuilder().setEvent(InboxEvent.newBuilder().setSeq(42)
                .setTimeMs(1_700_000_000_000L).setMessage(ChatMessage.newBuilder().setMessageId(123456789012345L)
                        .setClientMsgId("k3x9a.2n9c.1x2y3z4w5v6u").setSenderId(987654321012344L)
                        .setTo(Peer.newBuilder().setUserId(987654321012345L)).setTimeMs(1_700_000_000_000L)
                        .setContent(Content.newBuilder().setText(Text.newBuilder().setText("x".repeat(32))))))).build();
        byte[] body = request.toByteArray();
        requestBytes = new byte[4 + body.length];
        requestBytes[0] = (byte) (body.length >>> 24);
        requestBytes[1] = (byte) (body.length >>> 16);
        requestBytes[2] = (byte) (body.length >>> 8);
        requestBytes[3] = (byte) body.length;
        System.arraycopy(body, 0, requestBytes, 4, body.length);
        decoder = new EmbeddedChannel(new FrameDecoder(Limits.DEFAULT_MAX_FRAME_BYTES));
        encoder = new EmbeddedChannel(FrameEncoder.INSTANCE);
    }

    @TearDown
    public void tearDown() {
        decoder.finishAndReleaseAll();
        encoder.finishAndReleaseAll();
    }

    @Benchmark
    public Object decodeSendMessageRequest() {
        decoder.writeInbound(Unpooled.wrappedBuffer(requestBytes));
        DecodedFrame f = decoder.readInbound();
        return f;
    }

    @Benchmark
    public int encodeEventPush() {
        encoder.writeOutbound(push);
        ByteBuf out = encoder.readOutbound();
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Benchmark
    public Frame protobufParseOnly() throws Exception {
        return Frame.parseFrom(java.util.Arrays.copyOfRange(requestBytes, 4, requestBytes.length));
    }

    @Benchmark
    public byte[] protobufSerializeOnly() {
        return push.toByteArray();
    }
}
