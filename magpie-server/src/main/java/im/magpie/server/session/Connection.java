package im.magpie.server.session;

import im.magpie.protocol.proto.Frame;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client connection and its lifecycle: NEW (before Hello) → CONNECTED (Hello done) →
 * AUTHENTICATED (logged in) → CLOSED. Every transition is a compare-and-set, so closing is
 * idempotent and a connection is authenticated at most once. Thread-safe; writes may come from any
 * thread (Netty hands them to the channel's event loop).
 */
public final class Connection {

    public enum State { NEW, CONNECTED, AUTHENTICATED, CLOSED }

    /**
     * Why the server is not reading this client's requests right now. Reading resumes when no
     * reason is left; requests already read by then wait in the connection, in order.
     */
    public enum ReadPause {
        /** The client does not read our answers (its outbound buffer is past the high mark). */
        CLIENT_NOT_READING,
        /** A queue its requests feed (the message writer's) is filling up. */
        SERVER_BUSY
    }

    /** Fired through the channel's pipeline, on its event loop, when the last read pause is lifted. */
    public static final Object READING_RESUMED = new Object() {
        @Override
        public String toString() {
            return "READING_RESUMED";
        }
    };

    /**
     * Fired through the channel's pipeline, on its event loop, once the connection is logged in:
     * queued before the login answer, so the transport lifts its pre-login limits before the
     * client can hear that it may send more.
     */
    public static final Object AUTHENTICATED_EVENT = new Object() {
        @Override
        public String toString() {
            return "AUTHENTICATED";
        }
    };

    /** Who is logged in on this connection; set once at login. */
    public record Identity(long userId, String username, String sessionId, String deviceName) {}

    private final Channel channel;
    private final long maxOutboundBytes;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final RequestQueue requests;
    private volatile Identity identity;
    private volatile Locale locale = Locale.ROOT;
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    private final AtomicInteger readPauses = new AtomicInteger(); // one bit per ReadPause

    public Connection(Channel channel, long maxOutboundBytes, RequestQueue requests) {
        this.channel = channel;
        this.maxOutboundBytes = maxOutboundBytes;
        this.requests = requests;
    }

    public State state() {
        return state.get();
    }

    /** NEW → CONNECTED after a good Hello. */
    public boolean helloDone(Locale locale) {
        this.locale = locale;
        return state.compareAndSet(State.NEW, State.CONNECTED);
    }

    /** CONNECTED → AUTHENTICATED. False if the connection was closed or already logged in. */
    public boolean authenticate(Identity who) {
        if (state.get() != State.CONNECTED) return false;
        this.identity = who;
        if (!state.compareAndSet(State.CONNECTED, State.AUTHENTICATED)) return false;
        onEventLoop(() -> channel.pipeline().fireUserEventTriggered(AUTHENTICATED_EVENT));
        return true;
    }

    /**
     * Marks the connection closed; true only for the caller that actually closed it. {@code
     * otherwise} is the reason only if none was given before (the first reason wins).
     */
    public boolean markClosed(CloseReason otherwise) {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) return false;
        closeReason.compareAndSet(null, otherwise);
        return true;
    }

    public boolean isAuthenticated() {
        return state.get() == State.AUTHENTICATED;
    }

    public Identity identity() {
        return identity;
    }

    public long userId() {
        Identity who = identity;
        return who == null ? 0 : who.userId();
    }

    public Locale locale() {
        return locale;
    }

    /** The first reason this connection was closed for; null while nobody has closed it. */
    public CloseReason closeReason() {
        return closeReason.get();
    }

    public RequestQueue requests() {
        return requests;
    }

    public Channel channel() {
        return channel;
    }

    public String remoteHost() {
        SocketAddress address = channel.remoteAddress();
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(address);
    }

    /**
     * Stops reading this client's requests for {@code why} (from any thread). True if this call
     * added the reason, so a caller can remember to lift it exactly once.
     */
    public boolean pauseReading(ReadPause why) {
        int bit = 1 << why.ordinal();
        if ((readPauses.getAndUpdate(m -> m | bit) & bit) != 0) return false;
        onEventLoop(() -> channel.config().setAutoRead(readPauses.get() == 0));
        return true;
    }

    /** Lifts {@code why} (from any thread); once no reason is left, {@link #READING_RESUMED} is fired. */
    public void resumeReading(ReadPause why) {
        int bit = 1 << why.ordinal();
        if ((readPauses.getAndUpdate(m -> m & ~bit) & bit) == 0) return;
        // Checked again on the loop: another pause may have come in between.
        onEventLoop(() -> {
            if (readPauses.get() == 0) channel.pipeline().fireUserEventTriggered(READING_RESUMED);
        });
    }

    public boolean readingPaused() {
        return readPauses.get() != 0;
    }

    private void onEventLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
            return;
        }
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // The event loop has shut down, and with it this channel: nothing left to read.
        }
    }

    /** Writes a response or push. A client that stopped reading is disconnected, not buffered for. */
    public void send(Frame frame) {
        if (state.get() == State.CLOSED) return;
        if (!channel.isWritable() && channel.bytesBeforeWritable() > maxOutboundBytes) {
            close(CloseReason.of(CloseReason.Kind.SLOW_CONSUMER, "more than " + maxOutboundBytes + " bytes unread"));
            return;
        }
        if (!OutboundBatch.offer(channel, frame)) channel.writeAndFlush(frame, channel.voidPromise());
    }

    /** Writes a frame and returns the write's future (e.g. to wait for a shutdown notice to leave). */
    public io.netty.channel.ChannelFuture sendTracked(Frame frame) {
        return channel.writeAndFlush(frame);
    }

    /** Sends a last frame, then closes; the reason is set at once (it is the first). */
    public void sendAndClose(Frame frame, CloseReason reason) {
        if (state.get() == State.CLOSED) return;
        closeReason.compareAndSet(null, reason);
        channel.writeAndFlush(frame).addListener(f -> close(reason));
    }

    /** Closes the connection; the first reason given is the one kept and logged. */
    public void close(CloseReason reason) {
        closeReason.compareAndSet(null, reason);
        channel.close();
    }

    /** For a reason without a kind of its own ({@link CloseReason.Kind#OTHER}). */
    public void close(String reason) {
        close(CloseReason.of(CloseReason.Kind.OTHER, reason));
    }

    @Override
    public String toString() {
        Identity who = identity;
        return "Connection[" + remoteHost() + (who == null ? "" : ", user=" + who.username()) + ", " + state.get() + "]";
    }
}
