package im.magpie.cli.bench.xmpp;

import im.magpie.protocol.codec.DecodedFrame;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Error;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.EventPush;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendAck;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Lets the bench's simulated user ({@code SimConnection}), which speaks Magpie frames, talk to an
 * XMPP server: the scenarios, their accounting and their timing stay the same for both servers.
 * Sits between {@link XmppStreamDecoder} and the simulated user.
 *
 * <ul>
 *   <li>Login: the Hello and Resume frames are dropped; {@link XmppNegotiation} logs in with the
 *       user's password (the tokens file's fourth field) and answers LoginOk, or an UNAUTHENTICATED
 *       Error that names the reason.</li>
 *   <li>A SendMessage frame becomes {@code <message type='chat' id='REQUEST_ID'>} whose body is
 *       the stamp, a space and the padding, followed by {@code <r/>}; the server's {@code <a h/>}
 *       becomes a SendAck per message it covers (XEP-0198: "the server has handled it", where
 *       Magpie's ack means "stored").</li>
 *   <li>A chat message that arrives becomes an inbox event from the sender's user id with the
 *       stamp as client_msg_id; a message of type error for one of ours becomes an Error frame
 *       with that message's request id (UNAVAILABLE for service-unavailable or
 *       resource-constraint, BAD_REQUEST otherwise).</li>
 *   <li>A Ping frame becomes whitespace; the server's {@code <r/>} is answered with the count of
 *       stanzas received.</li>
 * </ul>
 * On the connection's event loop only.
 */
public final class XmppBridge extends ChannelDuplexHandler implements XmppNegotiation.Out {
    private final long userId;
    private final XmppDirectory directory;
    private final XmppStreamDecoder decoder;
    private final XmppNegotiation negotiation;
    private final StreamManagement streamManagement = new StreamManagement();
    private ChannelHandlerContext ctx;

    public XmppBridge(long userId, String username, String password, XmppDirectory directory, XmppStreamDecoder decoder) {
        this.userId = userId;
        this.directory = directory;
        this.decoder = decoder;
        this.negotiation = new XmppNegotiation(XmppNegotiation.Goal.LOGIN, directory.domain(), username, password,
                "bench", this);
    }

    public XmppNegotiation.State state() {
        return negotiation.state();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        negotiation.start();
        ctx.flush();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof XmppEvent event)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!negotiation.finished()) {
            negotiation.on(event);
            ctx.flush();
            return;
        }
        if (event instanceof XmppEvent.Stanza stanza) {
            onStanza(stanza.element());
        } else {
            ctx.close(); // the stream ended or broke after login
        }
    }

    private void onStanza(XmlElement e) {
        switch (e.namespace()) {
            case XmppStanzas.NS_SM -> {
                if (e.name().equals("r")) {
                    ctx.writeAndFlush(utf8(XmppStanzas.ack(streamManagement.receivedCount())), ctx.voidPromise());
                } else if (e.name().equals("a")) {
                    for (long id : streamManagement.acknowledged(Long.parseLong(e.attribute("h")))) {
                        up(Frame.newBuilder().setId(id).setSendAck(SendAck.getDefaultInstance()).build());
                    }
                }
            }
            case XmppStanzas.NS_CLIENT -> {
                streamManagement.received();
                if (e.name().equals("message")) onMessage(e);
                // presence and iq: nothing the scenarios count
            }
            case XmppStanzas.NS_STREAMS -> ctx.close(); // a stream error after login
            default -> { }
        }
    }

    private void onMessage(XmlElement m) {
        String type = m.attribute("type");
        if ("error".equals(type)) {
            long id = requestIdOf(m.attribute("id"));
            if (id < 0) return;
            String condition = XmppNegotiation.conditionOf(m);
            ErrorCode code = condition.equals("service-unavailable") || condition.equals("resource-constraint")
                    ? ErrorCode.UNAVAILABLE : ErrorCode.BAD_REQUEST;
            up(Frame.newBuilder().setId(id).setError(Error.newBuilder().setCode(code).setMessage(condition)).build());
            return;
        }
        XmlElement body = m.child("body");
        if (body == null) return; // chat states, receipts: not ours
        String text = body.text();
        int space = text.indexOf(' ');
        String stamp = space < 0 ? text : text.substring(0, space);
        long sender = directory.userIdOf(m.attribute("from"));
        up(Frame.newBuilder().setEvent(EventPush.newBuilder().setEvent(InboxEvent.newBuilder()
                .setMessage(ChatMessage.newBuilder().setSenderId(Math.max(0, sender)).setClientMsgId(stamp)
                        .setTo(Peer.newBuilder().setUserId(userId))))).build());
    }

    private static long requestIdOf(String id) {
        try {
            return id == null ? -1 : Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Frame f)) {
            ctx.write(msg, promise);
            return;
        }
        switch (f.getBodyCase()) {
            case HELLO, RESUME -> promise.trySuccess(); // the negotiation logs in instead
            case PING -> ctx.write(utf8(XmppStanzas.whitespacePing()), promise);
            case SEND_MESSAGE -> {
                var send = f.getSendMessage();
                String body = send.getClientMsgId() + " " + send.getContent().getText().getText();
                String xml = XmppStanzas.chat(Long.toString(f.getId()), directory.jid(send.getTo().getUserId()), body)
                        + XmppStanzas.requestAck();
                streamManagement.sent(f.getId());
                ctx.write(utf8(xml), promise);
            }
            default -> promise.tryFailure(new UnsupportedOperationException(
                    f.getBodyCase() + " has no XMPP equivalent in the bench's driver"));
        }
    }

    // --- XmppNegotiation.Out ---------------------------------------------------------------------

    @Override
    public void send(String xml) {
        ctx.write(utf8(xml), ctx.voidPromise());
    }

    @Override
    public void restartParser() {
        decoder.restart();
    }

    @Override
    public void done(String fullJid) {
        up(Frame.newBuilder().setId(2).setLoginOk(LoginOk.getDefaultInstance()).build());
    }

    @Override
    public void failed(String reason) {
        up(Frame.newBuilder().setId(2).setError(Error.newBuilder().setCode(ErrorCode.UNAUTHENTICATED).setMessage(reason)).build());
    }

    private void up(Frame frame) {
        ctx.fireChannelRead(new DecodedFrame.Good(frame));
    }

    private io.netty.buffer.ByteBuf utf8(String s) {
        return ByteBufUtil.writeUtf8(ctx.alloc(), s);
    }
}
