package im.magpie.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import im.magpie.protocol.ProtocolVersion;
import im.magpie.protocol.codec.FrameBytes;
import im.magpie.protocol.codec.FrameDecoder;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.HelloOk;
import im.magpie.protocol.proto.Ping;
import im.magpie.server.dispatch.Dispatcher;
import im.magpie.server.dispatch.Routes;
import im.magpie.server.session.CloseReason;
import im.magpie.server.session.Connection;
import im.magpie.server.session.SessionRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One connection's pipeline (decoder and handler) on Netty's embedded channel, with its clock
 * frozen and moved by hand: deadlines, pre-login limits, and the reason a connection ended.
 */
class ConnectionHandlerTest {
    private static final ConnectionLimits LIMITS = new ConnectionLimits(64 * 1024, 1024, 4096, 2,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(20));

    private final SessionRegistry sessions = new SessionRegistry();
    private final java.util.Map<EmbeddedChannel, Connection> opened = new java.util.HashMap<>();
    private final PreLoginGuard guard = new PreLoginGuard(LIMITS.unauthenticatedPerAddress(), LIMITS.preLoginBufferBytes());
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger connectionsLog = (Logger) LoggerFactory.getLogger("im.magpie.server.connections");
    private Level previousLevel;

    @BeforeEach
    void captureLog() {
        previousLevel = connectionsLog.getLevel();
        connectionsLog.setLevel(Level.INFO);
        log.start();
        connectionsLog.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        connectionsLog.detachAppender(log);
        connectionsLog.setLevel(previousLevel);
    }

    private EmbeddedChannel open() {
        return open(guard);
    }

    private EmbeddedChannel open(PreLoginGuard guard) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        FrameDecoder decoder = new FrameDecoder(LIMITS.preLoginMaxFrameBytes(), guard.budget());
        ConnectionHandler handler = new ConnectionHandler(new Dispatcher(new Routes(), HelloOk::getDefaultInstance),
                sessions, Runnable::run, 1 << 20, 16, decoder, guard, LIMITS);
        ch.pipeline().addLast(decoder, handler);
        ch.pipeline().fireChannelActive();
        opened.put(ch, handler.connection());
        return ch;
    }

    private Connection connectionOf(EmbeddedChannel ch) {
        return opened.get(ch);
    }

    private static void hello(EmbeddedChannel ch) {
        ch.writeInbound(Unpooled.wrappedBuffer(FrameBytes.encode(Frame.newBuilder().setId(1)
                .setHello(Hello.newBuilder().setMajor(ProtocolVersion.MAJOR).setMinor(ProtocolVersion.MINOR)).build())));
        assertThat(((Frame) ch.readOutbound()).hasHelloOk()).isTrue();
    }

    private static void after(EmbeddedChannel ch, Duration d) {
        ch.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
        ch.runPendingTasks();
    }

    private String disconnectLine() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("disconnect"))
                .findFirst().orElseThrow();
    }

    @Test
    void a_heartbeat_timeout_is_logged_as_such_and_not_as_peer_closed() {
        EmbeddedChannel ch = open();
        Connection c = connectionOf(ch);
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(c.closeReason().kind()).isEqualTo(CloseReason.Kind.HEARTBEAT_TIMEOUT);
        assertThat(disconnectLine()).endsWith("reason=heartbeat timeout");
    }

    @Test
    void the_first_reason_wins_over_later_ones() {
        EmbeddedChannel ch = open();
        Connection c = connectionOf(ch);
        // A protocol error (a request before Hello) closes after its answer; the shutdown that follows does not rename it.
        ch.writeInbound(Unpooled.wrappedBuffer(FrameBytes.encode(Frame.newBuilder().setId(1).setPing(Ping.getDefaultInstance()).build())));
        c.close(CloseReason.of(CloseReason.Kind.SERVER_SHUTDOWN));
        ch.runPendingTasks();
        assertThat(c.closeReason().kind()).isEqualTo(CloseReason.Kind.PROTOCOL_ERROR);
        assertThat(disconnectLine()).contains("reason=protocol error: no Hello");
    }

    @Test
    void a_connection_without_hello_is_closed_at_the_hello_deadline() {
        EmbeddedChannel ch = open();
        Connection c = connectionOf(ch);
        after(ch, Duration.ofSeconds(9));
        assertThat(ch.isOpen()).isTrue();
        after(ch, Duration.ofSeconds(1));
        assertThat(ch.isOpen()).isFalse();
        assertThat(c.closeReason().kind()).isEqualTo(CloseReason.Kind.HELLO_DEADLINE);
    }

    @Test
    void after_hello_the_login_deadline_runs_and_login_stops_it() {
        EmbeddedChannel loiterer = open();
        hello(loiterer);
        after(loiterer, Duration.ofSeconds(29));
        assertThat(loiterer.isOpen()).isTrue();
        after(loiterer, Duration.ofSeconds(1));
        assertThat(connectionOf(loiterer).closeReason().kind()).isEqualTo(CloseReason.Kind.LOGIN_DEADLINE);

        EmbeddedChannel user = open();
        hello(user);
        assertThat(sessions.login(connectionOf(user), new Connection.Identity(7, "kate", "s", "d"))).isTrue();
        user.runPendingTasks();
        after(user, Duration.ofHours(1));
        assertThat(user.isOpen()).isTrue();
    }

    @Test
    void a_frame_must_be_finished_within_the_frame_deadline_of_its_first_byte() {
        EmbeddedChannel ch = open();
        hello(ch);
        byte[] ping = FrameBytes.encode(Frame.newBuilder().setId(2).setPing(Ping.getDefaultInstance()).build());
        ch.writeInbound(Unpooled.wrappedBuffer(ping, 0, 1));
        after(ch, Duration.ofSeconds(19));
        ch.writeInbound(Unpooled.wrappedBuffer(ping, 1, ping.length - 2)); // bytes keep trickling in
        after(ch, Duration.ofSeconds(1));
        assertThat(ch.isOpen()).isFalse();
        assertThat(connectionOf(ch).closeReason().kind()).isEqualTo(CloseReason.Kind.FRAME_DEADLINE);
    }

    @Test
    void a_finished_frame_stops_its_deadline() {
        EmbeddedChannel ch = open();
        hello(ch);
        assertThat(sessions.login(connectionOf(ch), new Connection.Identity(8, "liam", "s", "d"))).isTrue();
        ch.runPendingTasks();
        byte[] ping = FrameBytes.encode(Frame.newBuilder().setId(2).setPing(Ping.getDefaultInstance()).build());
        ch.writeInbound(Unpooled.wrappedBuffer(ping, 0, 2));
        after(ch, Duration.ofSeconds(10));
        ch.writeInbound(Unpooled.wrappedBuffer(ping, 2, ping.length - 2));
        after(ch, Duration.ofSeconds(30));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void before_login_a_frame_over_the_pre_login_limit_is_refused_and_after_login_it_is_read() {
        byte[] big = FrameBytes.encode(paddedPing(3, 4096));
        EmbeddedChannel anonymous = open();
        hello(anonymous);
        anonymous.writeInbound(Unpooled.wrappedBuffer(big));
        assertThat(((Frame) anonymous.readOutbound()).getError().getCode()).isEqualTo(ErrorCode.TOO_LARGE);
        anonymous.runPendingTasks();
        assertThat(connectionOf(anonymous).closeReason().kind()).isEqualTo(CloseReason.Kind.FRAME_TOO_LARGE);

        EmbeddedChannel user = open();
        hello(user);
        assertThat(sessions.login(connectionOf(user), new Connection.Identity(9, "mona", "s", "d"))).isTrue();
        user.runPendingTasks();
        user.writeInbound(Unpooled.wrappedBuffer(big));
        assertThat(user.isOpen()).isTrue();
        Frame answer = user.readOutbound(); // no routes in this test: read, and answered "unknown request"
        assertThat(answer.getId()).isEqualTo(3);
        assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void partial_frames_before_login_share_one_budget_and_the_one_past_it_is_refused() {
        PreLoginGuard shared = new PreLoginGuard(100, 4096);
        EmbeddedChannel[] waiting = new EmbeddedChannel[4];
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = open(shared);
            waiting[i].writeInbound(announce(1000, 1)); // reserved in full when announced
        }
        assertThat(shared.bufferedBytes()).isEqualTo(4000);

        EmbeddedChannel greedy = open(shared);
        greedy.writeInbound(announce(1000, 1));
        assertThat(((Frame) greedy.readOutbound()).getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
        greedy.runPendingTasks();
        assertThat(greedy.isOpen()).isFalse();
        assertThat(connectionOf(greedy).closeReason().kind()).isEqualTo(CloseReason.Kind.PRE_LOGIN_MEMORY);
        assertThat(shared.bufferedBytes()).isEqualTo(4000);

        waiting[0].close(); // a closed connection gives its share back
        assertThat(shared.bufferedBytes()).isEqualTo(3000);
        waiting[1].writeInbound(Unpooled.wrappedBuffer(new byte[999])); // so does a finished frame
        assertThat(shared.bufferedBytes()).isEqualTo(2000);
        // A frame that arrives whole in one read is parsed at once and never reserved.
        EmbeddedChannel quick = open(shared);
        hello(quick);
        assertThat(shared.bufferedBytes()).isEqualTo(2000);
    }

    @Test
    void one_connection_too_many_from_an_address_is_refused_and_a_login_makes_room() {
        EmbeddedChannel one = open();
        EmbeddedChannel two = open();
        EmbeddedChannel three = open();
        Frame refusal = three.readOutbound();
        assertThat(refusal.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
        three.runPendingTasks();
        assertThat(three.isOpen()).isFalse();
        assertThat(connectionOf(three).closeReason().kind()).isEqualTo(CloseReason.Kind.TOO_MANY_UNAUTHENTICATED);

        hello(one);
        assertThat(sessions.login(connectionOf(one), new Connection.Identity(10, "nina", "s", "d"))).isTrue();
        one.runPendingTasks();
        EmbeddedChannel four = open();
        assertThat(four.<Object>readOutbound()).isNull();
        assertThat(four.isOpen()).isTrue();
        two.close();
        assertThat(guard.unauthenticated("embedded")).isEqualTo(1);
    }

    /** A length prefix of {@code announced} and the first {@code sent} bytes of the body. */
    private static io.netty.buffer.ByteBuf announce(int announced, int sent) {
        return Unpooled.wrappedBuffer(ByteBuffer.allocate(4 + sent).putInt(announced).array());
    }

    /** A ping with an unknown field of {@code padding} bytes (a newer client's; it parses). */
    private static Frame paddedPing(long id, int padding) {
        Frame ping = Frame.newBuilder().setId(id).setPing(Ping.getDefaultInstance()).build();
        return ping.toBuilder().setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(1023, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(com.google.protobuf.ByteString.copyFrom(new byte[padding])).build()).build())
                .build();
    }
}
