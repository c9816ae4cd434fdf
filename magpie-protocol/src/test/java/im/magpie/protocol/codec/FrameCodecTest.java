package im.magpie.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SetAvatarRequest;
import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static Frame hello(long id) {
        return Frame.newBuilder().setId(id)
                .setHello(Hello.newBuilder().setMajor(1).setClientName("test").setLocale("zh-CN"))
                .build();
    }

    @Test
    void a_frame_survives_an_encode_decode_round_trip() {
        Frame chat = Frame.newBuilder().setId(7).setSendMessage(SendMessageRequest.newBuilder()
                .setClientMsgId("c-1")
                .setTo(Peer.newBuilder().setUserId(42))
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText("你好 👋"))))
                .build();
        EmbeddedChannel out = new EmbeddedChannel(FrameEncoder.INSTANCE);
        out.writeOutbound(chat);
        ByteBuf bytes = out.readOutbound();

        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1024));
        in.writeInbound(bytes);
        assertThat((Object) in.readInbound()).isEqualTo(new DecodedFrame.Good(chat));
    }

    @Test
    void frames_split_across_reads_and_joined_in_one_read_are_all_decoded() {
        byte[] one = FrameBytes.encode(hello(1));
        byte[] two = FrameBytes.encode(hello(2));
        byte[] joined = new byte[one.length + two.length];
        System.arraycopy(one, 0, joined, 0, one.length);
        System.arraycopy(two, 0, joined, one.length, two.length);

        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1024));
        in.writeInbound(Unpooled.wrappedBuffer(joined, 0, 3));
        assertThat((Object) in.readInbound()).isNull();
        in.writeInbound(Unpooled.wrappedBuffer(joined, 3, joined.length - 3));
        assertThat((Object) in.readInbound()).isEqualTo(new DecodedFrame.Good(hello(1)));
        assertThat((Object) in.readInbound()).isEqualTo(new DecodedFrame.Good(hello(2)));
    }

    @Test
    void a_frame_whose_body_spans_several_buffers_is_decoded() {
        Frame chat = Frame.newBuilder().setId(9).setSendMessage(SendMessageRequest.newBuilder()
                .setClientMsgId("c-2").setTo(Peer.newBuilder().setUserId(42))
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText("分成两半的消息"))))
                .build();
        byte[] bytes = FrameBytes.encode(chat);
        FrameDecoder decoder = new FrameDecoder(1024);
        decoder.setCumulator(io.netty.handler.codec.ByteToMessageDecoder.COMPOSITE_CUMULATOR); // no copying into one buffer
        EmbeddedChannel in = new EmbeddedChannel(decoder);
        in.writeInbound(Unpooled.directBuffer().writeBytes(bytes, 0, 10));
        in.writeInbound(Unpooled.directBuffer().writeBytes(bytes, 10, bytes.length - 10));
        assertThat((Object) in.readInbound()).isEqualTo(new DecodedFrame.Good(chat));
    }

    @Test
    void a_frame_encodes_into_a_direct_buffer_and_a_heap_buffer_alike() throws java.io.IOException {
        Frame chat = Frame.newBuilder().setId(11).setSendMessage(SendMessageRequest.newBuilder()
                .setClientMsgId("c-3").setContent(Content.newBuilder().setText(Text.newBuilder().setText("早"))))
                .build();
        ByteBuf direct = Unpooled.directBuffer(1);
        ByteBuf heap = Unpooled.buffer(1);
        ByteBuf composite = Unpooled.compositeBuffer().addComponent(true, Unpooled.buffer(0));
        for (ByteBuf out : new ByteBuf[] {direct, heap, composite}) {
            out.writeByte(0x7f); // encode appends after what is there
            FrameEncoder.INSTANCE.encode(null, chat, out);
            byte[] written = new byte[out.readableBytes() - 1];
            out.getBytes(1, written);
            assertThat(written).isEqualTo(FrameBytes.encode(chat));
            out.release();
        }
    }

    @Test
    void a_truncated_frame_yields_nothing_until_the_rest_arrives() {
        byte[] one = FrameBytes.encode(hello(1));
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1024));
        in.writeInbound(Unpooled.wrappedBuffer(one, 0, one.length - 1));
        assertThat((Object) in.readInbound()).isNull();
    }

    @Test
    void an_announced_length_over_the_limit_is_reported_once_and_the_rest_is_discarded() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(100));
        ByteBuf buf = Unpooled.buffer().writeInt(101).writeBytes(new byte[500]);
        in.writeInbound(buf);
        assertThat((Object) in.readInbound()).isEqualTo(new DecodedFrame.TooLarge(101, 100));
        in.writeInbound(Unpooled.wrappedBuffer(FrameBytes.encode(hello(1))));
        assertThat((Object) in.readInbound()).isNull();
    }

    @Test
    void a_length_with_the_sign_bit_set_is_too_large_not_negative() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(100));
        in.writeInbound(Unpooled.buffer().writeInt(0xFFFFFFFF));
        assertThat((Object) in.readInbound()).isEqualTo(new DecodedFrame.TooLarge(0xFFFFFFFFL, 100));
    }

    @Test
    void garbage_bytes_of_a_valid_length_become_a_malformed_value_and_the_stream_stays_in_sync() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf buf = Unpooled.buffer().writeInt(4).writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        buf.writeBytes(FrameBytes.encode(hello(9)));
        in.writeInbound(buf);
        assertThat((Object) in.readInbound()).isInstanceOf(DecodedFrame.Malformed.class);
        assertThat((Object) in.readInbound()).isEqualTo(new DecodedFrame.Good(hello(9)));
    }

    @Test
    void an_empty_body_is_a_frame_with_no_body_set() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1024));
        in.writeInbound(Unpooled.buffer().writeInt(0));
        DecodedFrame decoded = in.readInbound();
        assertThat(decoded).isInstanceOf(DecodedFrame.Good.class);
        assertThat(((DecodedFrame.Good) decoded).frame().getBodyCase()).isEqualTo(Frame.BodyCase.BODY_NOT_SET);
    }

    @Test
    void bytes_decoded_from_one_frame_stay_intact_when_the_next_frame_is_decoded() {
        Frame first = Frame.newBuilder().setId(1).setSetAvatar(SetAvatarRequest.newBuilder()
                .setImage(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))).build();
        Frame second = Frame.newBuilder().setId(2).setSetAvatar(SetAvatarRequest.newBuilder()
                .setImage(ByteString.copyFrom(new byte[] {9, 9, 9, 9, 9, 9, 9, 9}))).build();
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1024));

        in.writeInbound(Unpooled.directBuffer().writeBytes(FrameBytes.encode(first)));
        DecodedFrame one = in.readInbound();
        in.writeInbound(Unpooled.directBuffer().writeBytes(FrameBytes.encode(second)));
        DecodedFrame two = in.readInbound();

        assertThat(one).isEqualTo(new DecodedFrame.Good(first));
        assertThat(two).isEqualTo(new DecodedFrame.Good(second));
    }

    @Test
    void a_frame_larger_than_the_scratch_array_is_decoded_too() {
        byte[] image = new byte[FrameDecoder.SCRATCH_BYTES * 3];
        for (int i = 0; i < image.length; i++) image[i] = (byte) i;
        Frame big = Frame.newBuilder().setId(3).setSetAvatar(SetAvatarRequest.newBuilder()
                .setImage(ByteString.copyFrom(image))).build();
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1 << 20));

        in.writeInbound(Unpooled.directBuffer().writeBytes(FrameBytes.encode(big)));

        assertThat((Object) in.readInbound()).isEqualTo(new DecodedFrame.Good(big));
    }
}
