package im.magpie.cli.bench;

import im.magpie.protocol.ProtocolVersion;
import im.magpie.protocol.codec.DecodedFrame;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Ping;
import im.magpie.protocol.proto.ResumeRequest;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One simulated user: one connection, logged in with its resume token, then sending and
 * receiving raw frames. Everything about it is confined to its event loop except
 * {@link #call} and {@link #loggedIn()}, which are safe from any thread.
 *
 * <p>Request ids: 1 (Hello) and 2 (Resume); message {@code seq} of this user's one outgoing
 * stream is request {@code MESSAGE_IDS + seq}, so an error answer names the refused message;
 * other calls and pings use ids above {@link #CALL_IDS}.
 */
public final class SimConnection {
    static final long MESSAGE_IDS = 1_000;
    static final long CALL_IDS = 1L << 40;

    /** One incoming stream: a sender into a conversation (the receiver itself, or a group). */
    public record StreamKey(long senderId, long conversationId) {}

    private final Tokens.User user;
    private final EventLoop loop;
    private final LoopStats stats;
    private final SimListener listener;
    private final boolean heartbeats;
    private final Map<Long, Long> friendListVersions;
    private final CompletableFuture<SimConnection> loggedIn = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<Frame>> calls = new HashMap<>();
    private final Map<StreamKey, StreamLedger> incoming = new HashMap<>();
    private final BitSet refused = new BitSet();
    private Channel channel;
    private long connectStartNanos;
    private long nextCallId = CALL_IDS;
    private long sent;
    private long acked;
    private int heartbeatSeconds = 30;
    private ScheduledFuture<?> heartbeat;
    /** Scenario state that rides along (partner, group, send window...). */
    public Object attachment;

    SimConnection(Tokens.User user, EventLoop loop, LoopStats stats, SimListener listener, boolean heartbeats,
                  Map<Long, Long> friendListVersions) {
        this.user = user;
        this.friendListVersions = friendListVersions;
        this.loop = loop;
        this.stats = stats;
        this.listener = listener;
        this.heartbeats = heartbeats;
    }

    public Tokens.User user() {
        return user;
    }

    public long userId() {
        return user.userId();
    }

    public EventLoop loop() {
        return loop;
    }

    public LoopStats stats() {
        return stats;
    }

    public Channel channel() {
        return channel;
    }

    public boolean isActive() {
        return channel != null && channel.isActive() && loggedIn.isDone() && !loggedIn.isCompletedExceptionally();
    }

    public CompletableFuture<SimConnection> loggedIn() {
        return loggedIn;
    }

    void markConnectStart(long nanos) {
        connectStartNanos = nanos;
    }

    void failLogin(Throwable cause) {
        loggedIn.completeExceptionally(cause);
    }

    /** Messages sent on this user's outgoing stream so far (= the next sequence number). */
    public long sent() {
        return sent;
    }

    public long acked() {
        return acked;
    }

    public BitSet refused() {
        return refused;
    }

    public Map<StreamKey, StreamLedger> incoming() {
        return incoming;
    }

    /**
     * Writes (without flushing) the next message of this user's stream to {@code to}, stamped with
     * its intended send time. On the event loop only. Returns its sequence number.
     */
    public long sendMessage(String run, Peer to, long intendedNanos, String padding) {
        long seq = sent++;
        String stamp = new MessageStamp(run, seq, intendedNanos).encode();
        channel.write(Frame.newBuilder().setId(MESSAGE_IDS + seq).setSendMessage(SendMessageRequest.newBuilder()
                .setClientMsgId(stamp).setTo(to)
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText(padding)))).build(), channel.voidPromise());
        return seq;
    }

    /** Starts a new phase: a fresh outgoing stream and no incoming ones. On the event loop only. */
    public void resetStreams() {
        sent = 0;
        acked = 0;
        refused.clear();
        incoming.clear();
    }

    public void flush() {
        if (channel != null) channel.flush();
    }

    /** A request with a response future; safe from any thread. */
    public CompletableFuture<Frame> call(Frame.Builder request) {
        CompletableFuture<Frame> f = new CompletableFuture<>();
        loop.execute(() -> {
            if (channel == null || !channel.isActive()) {
                f.completeExceptionally(new IllegalStateException("connection of " + user.username() + " is closed"));
                return;
            }
            long id = nextCallId++;
            calls.put(id, f);
            channel.writeAndFlush(request.setId(id).build(), channel.voidPromise());
        });
        return f;
    }

    /** Writes a frame with a fresh call id whose answer is ignored (presence changes, pings). */
    public void fireAndForget(Frame.Builder request) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(request.setId(nextCallId++).build(), channel.voidPromise());
        }
    }

    public void close() {
        if (channel != null) channel.close();
    }

    ChannelInboundHandlerAdapter handler() {
        return new Handler();
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            // Pipelined: the server answers Hello inline and then the Resume, in order.
            ctx.write(Frame.newBuilder().setId(1).setHello(Hello.newBuilder().setMajor(ProtocolVersion.MAJOR)
                    .setMinor(ProtocolVersion.MINOR).setClientName("magpie-bench").setLocale("en")).build());
            ctx.writeAndFlush(Frame.newBuilder().setId(2).setResume(ResumeRequest.newBuilder()
                    .setResumeToken(user.token())
                    .setFriendListVersion(friendListVersions.getOrDefault(user.userId(), 0L))).build());
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DecodedFrame.Good good)) {
                ctx.close();
                return;
            }
            Frame f = good.frame();
            long now = System.nanoTime();
            switch (f.getBodyCase()) {
                case HELLO_OK -> heartbeatSeconds = Math.max(1, f.getHelloOk().getHeartbeatIntervalSeconds());
                case LOGIN_OK -> {
                    stats.loginLatency.recordValue(Math.max(1, (now - connectStartNanos) / 1000));
                    if (f.getLoginOk().hasFriends()) friendListVersions.put(user.userId(), f.getLoginOk().getFriends().getVersion());
                    if (heartbeats) startHeartbeat();
                    loggedIn.complete(SimConnection.this);
                }
                case SEND_ACK -> {
                    acked++;
                    stats.acks++;
                    listener.onAck(SimConnection.this, f.getId(), f.getSendAck(), now);
                }
                case EVENT -> listener.onEvent(SimConnection.this, f.getEvent().getEvent(), now);
                case PONG -> stats.pongs++;
                case ERROR -> {
                    if (!loggedIn.isDone()) {
                        loggedIn.completeExceptionally(new IllegalStateException("login of " + user.username()
                                + " refused: " + f.getError().getCode() + " " + f.getError().getMessage()));
                        ctx.close();
                        return;
                    }
                    CompletableFuture<Frame> call = calls.remove(f.getId());
                    if (call != null) {
                        call.complete(f);
                        return;
                    }
                    stats.errors++;
                    stats.errorsByCode.merge(f.getError().getCode().name(), 1L, Long::sum);
                    long id = f.getId();
                    if (id >= MESSAGE_IDS && id < CALL_IDS && id - MESSAGE_IDS < Integer.MAX_VALUE) {
                        refused.set((int) (id - MESSAGE_IDS));
                    }
                    listener.onError(SimConnection.this, id, f.getError(), now);
                }
                default -> {
                    CompletableFuture<Frame> call = calls.remove(f.getId());
                    if (call != null) call.complete(f);
                    else stats.otherEvents++;
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (heartbeat != null) heartbeat.cancel(false);
            loggedIn.completeExceptionally(new IllegalStateException("connection of " + user.username() + " closed"));
            for (CompletableFuture<Frame> call : calls.values()) {
                call.completeExceptionally(new IllegalStateException("connection closed"));
            }
            calls.clear();
            listener.onClosed(SimConnection.this);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            loggedIn.completeExceptionally(cause);
            ctx.close();
        }
    }

    private void startHeartbeat() {
        long periodMs = heartbeatSeconds * 1000L;
        long firstMs = ThreadLocalRandom.current().nextLong(periodMs); // spread the pings
        heartbeat = loop.scheduleAtFixedRate(
                () -> fireAndForget(Frame.newBuilder().setPing(Ping.getDefaultInstance())),
                firstMs, periodMs, TimeUnit.MILLISECONDS);
    }
}
