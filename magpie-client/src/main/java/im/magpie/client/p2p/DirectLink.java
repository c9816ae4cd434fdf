package im.magpie.client.p2p;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Ping;
import im.magpie.protocol.proto.SendAck;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One authenticated TLS connection to a peer. Lifecycle {@code HANDSHAKEN → SELECTED → CLOSED}:
 * the dialer may finish handshakes with several of the peer's candidates at once and selects one
 * (a {@link Ping} as its first frame); the others are closed. Close is one compare-and-set, so it
 * is idempotent, and it fails every message still waiting for its acknowledgement.
 */
final class DirectLink {
    enum State { HANDSHAKEN, SELECTED, CLOSED }

    private final Channel channel;
    private final long peerUserId;
    private final long dialerUserId;
    private final AtomicReference<State> state = new AtomicReference<>(State.HANDSHAKEN);
    private final Map<String, CompletableFuture<Void>> awaitingAck = new ConcurrentHashMap<>();
    private volatile String closeReason = "";

    DirectLink(Channel channel, long peerUserId, long dialerUserId) {
        this.channel = channel;
        this.peerUserId = peerUserId;
        this.dialerUserId = dialerUserId;
    }

    long peerUserId() {
        return peerUserId;
    }

    /** Who opened this connection (both ends agree on it, so both keep the same one of two links). */
    long dialerUserId() {
        return dialerUserId;
    }

    State state() {
        return state.get();
    }

    String closeReason() {
        return closeReason;
    }

    Channel channel() {
        return channel;
    }

    /** The dialer's side: this is the connection we keep. */
    void selectAndAnnounce() {
        if (state.compareAndSet(State.HANDSHAKEN, State.SELECTED)) {
            channel.writeAndFlush(Frame.newBuilder().setPing(Ping.getDefaultInstance()).build());
        }
    }

    /** The listener's side: the dialer selected this connection. */
    boolean selected() {
        return state.compareAndSet(State.HANDSHAKEN, State.SELECTED);
    }

    /**
     * Sends one message; the future completes when the peer acknowledged it (stored), and fails when
     * the link closes first or no acknowledgement comes within {@code ackTimeout} (the link then
     * closes: a peer that stops reading is as good as gone).
     */
    CompletableFuture<Void> send(String clientMsgId, Frame frame, Duration ackTimeout) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        if (state.get() != State.SELECTED) {
            acked.completeExceptionally(new DirectChannelException("the channel is " + state.get()));
            return acked;
        }
        if (!channel.isWritable()) {
            // More than the high water mark (16 MiB: a file's window and then some) waits for a peer that does not read: gone.
            close("the peer stopped reading");
            acked.completeExceptionally(new DirectChannelException("the peer stopped reading"));
            return acked;
        }
        CompletableFuture<Void> earlier = awaitingAck.putIfAbsent(clientMsgId, acked);
        if (earlier != null) return earlier;
        acked.whenComplete((ok, e) -> awaitingAck.remove(clientMsgId, acked));
        channel.writeAndFlush(frame).addListener(written -> {
            if (!written.isSuccess()) close("write failed: " + written.cause());
        });
        channel.eventLoop().schedule(() -> {
            if (!acked.isDone()) close("no acknowledgement within " + ackTimeout.toMillis() + " ms");
        }, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (state.get() == State.CLOSED) failAll(); // closed while we registered
        return acked;
    }

    void acknowledge(String clientMsgId) {
        CompletableFuture<Void> acked = awaitingAck.get(clientMsgId);
        if (acked != null) acked.complete(null);
    }

    void writeAck(String clientMsgId) {
        channel.writeAndFlush(Frame.newBuilder().setSendAck(SendAck.newBuilder().setClientMsgId(clientMsgId)).build());
    }

    /** Idempotent; true for the call that closed it. */
    boolean close(String reason) {
        State before = state.getAndSet(State.CLOSED);
        if (before == State.CLOSED) return false;
        closeReason = reason;
        failAll();
        channel.close();
        return true;
    }

    private void failAll() {
        for (CompletableFuture<Void> f : awaitingAck.values()) {
            f.completeExceptionally(new DirectChannelException("the direct channel closed: " + closeReason));
        }
    }

    @Override
    public String toString() {
        return "DirectLink[peer=" + peerUserId + ", " + channel.remoteAddress() + ", " + state.get() + "]";
    }
}
