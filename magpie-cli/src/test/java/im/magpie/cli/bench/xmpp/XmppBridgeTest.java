package im.magpie.cli.bench.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.codec.DecodedFrame;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge on an EmbeddedChannel: server bytes in, frames out to the simulated user, and back. */
class XmppBridgeTest {
    private final XmppDirectory directory = new XmppDirectory("localhost");
    private EmbeddedChannel channel;

    @BeforeEach
    void logIn() {
        directory.add(1, "alice");
        directory.add(2, "bob");
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        channel = new EmbeddedChannel(decoder, new XmppBridge(1, "alice", "secret", directory, decoder));
        assertThat(sent()).startsWith("<?xml version='1.0'?><stream:stream to='localhost'");
        server(XmppStreamParserTest.SERVER_HEADER + XmppNegotiationTest.FEATURES_BEFORE_AUTH);
        assertThat(sent()).contains("mechanism='PLAIN'");
        server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        assertThat(sent()).startsWith("<?xml");
        server(XmppStreamParserTest.SERVER_HEADER + XmppNegotiationTest.FEATURES_AFTER_AUTH);
        assertThat(sent()).contains("<bind");
        server(XmppNegotiationTest.BIND_RESULT);
        assertThat(sent()).contains("<enable");
        assertThat((Object) channel.readInbound()).isNull();
        server("<enabled xmlns='urn:xmpp:sm:3'/>");
        assertThat(received().hasLoginOk()).isTrue();
    }

    private void server(String xml) {
        channel.writeInbound(Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
    }

    private String sent() {
        StringBuilder all = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            all.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return all.toString();
    }

    private Frame received() {
        Object o = channel.readInbound();
        assertThat(o).isInstanceOf(DecodedFrame.Good.class);
        return ((DecodedFrame.Good) o).frame();
    }

    private static Frame send(long requestId, long to, String stamp) {
        return Frame.newBuilder().setId(requestId).setSendMessage(SendMessageRequest.newBuilder().setClientMsgId(stamp)
                .setTo(Peer.newBuilder().setUserId(to)).setContent(Content.newBuilder().setText(Text.newBuilder().setText("xx")))).build();
    }

    @Test
    void a_message_goes_out_as_chat_with_an_ack_request_and_each_server_ack_becomes_a_send_ack_with_its_request_id() {
        channel.writeAndFlush(Frame.newBuilder().setId(1).setHello(Hello.getDefaultInstance()).build());
        assertThat(sent()).isEmpty(); // Hello and Resume mean nothing to XMPP

        channel.writeAndFlush(send(1000, 2, "run1.0.abc"));
        channel.writeAndFlush(send(1001, 2, "run1.1.abd"));
        assertThat(sent()).isEqualTo("<message to='bob@localhost' id='1000' type='chat'><body>run1.0.abc xx</body></message>"
                + "<r xmlns='urn:xmpp:sm:3'/>"
                + "<message to='bob@localhost' id='1001' type='chat'><body>run1.1.abd xx</body></message><r xmlns='urn:xmpp:sm:3'/>");

        server("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        assertThat(received().getId()).isEqualTo(1000);
        Frame second = received();
        assertThat(second.hasSendAck()).isTrue();
        assertThat(second.getId()).isEqualTo(1001);
    }

    @Test
    void a_chat_message_arrives_as_an_inbox_event_from_the_senders_id_with_the_stamp_and_the_servers_request_is_answered() {
        server("<presence from='alice@localhost/bench' to='alice@localhost/bench'/>"
                + "<message from='bob@localhost/bench' to='alice@localhost/bench' type='chat' id='1000'><body>run1.0.abc xx</body></message>"
                + "<r xmlns='urn:xmpp:sm:3'/>");

        var message = received().getEvent().getEvent().getMessage();
        assertThat(message.getSenderId()).isEqualTo(2);
        assertThat(message.getClientMsgId()).isEqualTo("run1.0.abc");
        assertThat(message.getTo().getUserId()).isEqualTo(1);
        assertThat(sent()).isEqualTo("<a xmlns='urn:xmpp:sm:3' h='2'/>"); // the presence and the message
    }

    @Test
    void a_bounced_message_becomes_an_error_for_its_request() {
        server("<message from='nobody@localhost' type='error' id='1005'><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error><body>x</body></message>");

        Frame error = received();
        assertThat(error.getId()).isEqualTo(1005);
        assertThat(error.getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getError().getMessage()).isEqualTo("service-unavailable");
    }

    @Test
    void a_stream_error_after_login_closes_the_connection() {
        server("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        assertThat(channel.isOpen()).isFalse();
    }
}
