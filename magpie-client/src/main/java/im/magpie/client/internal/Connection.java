package im.magpie.client.internal;

import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.RequestTimeoutException;
import im.magpie.client.ServerGoingAwayException;
import im.magpie.protocol.proto.Frame;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open channel to a server and its requests in flight. Ids are assigned and responses
 * correlated on the channel's event loop, so the pending map needs no locking; futures are
 * completed on {@code completions} (the client's event thread), never on the event loop.
 */
public final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** What the connection reports to its owner. Called on the event loop: hand off quickly. */
    public interface Owner {
        void onPush(Frame frame);

        void onClosed(Throwable cause);
    }

    private record Pending(String what, Duration timeout, CompletableFuture<Frame> result, ScheduledFuture<?> timer) {}

    private final Channel channel;
    private final Executor completions;
    private final Owner owner;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long nextId = 1;
    private volatile Throwable closeCause;
    private volatile boolean closeRequested;

    public Connection(Channel channel, Executor completions, Owner owner) {
        this.channel = channel;
        this.completions = completions;
        this.owner = owner;
        channel.closeFuture().addListener(f -> onChannelClosed());
    }

    public Channel channel() {
        return channel;
    }

    public boolean isOpen() {
        return channel.isActive() && !closed.get();
    }

    /**
     * Sends {@code body} with a fresh request id and completes with the response of the same id;
     * an {@code Error} response completes exceptionally with {@link MagpieClientException}.
     */
    public CompletableFuture<Frame> request(Frame.Builder body, Duration timeout) {
        CompletableFuture<Frame> result = new CompletableFuture<>();
        Frame.Builder copy = body.clone();
        String what = copy.getBodyCase().name();
        if (!isOpen()) {
            result.completeExceptionally(notConnected());
            return result;
        }
        channel.eventLoop().execute(() -> send(copy, what, timeout, result));
        return result;
    }

    private void send(Frame.Builder body, String what, Duration timeout, CompletableFuture<Frame> result) {
        if (closed.get()) {
            completeExceptionally(result, notConnected());
            return;
        }
        long id = nextId++;
        ScheduledFuture<?> timer = channel.eventLoop().schedule(
                () -> expire(id), timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(id, new Pending(what, timeout, result, timer));
        channel.writeAndFlush(body.setId(id).build()).addListener(write -> {
            if (!write.isSuccess()) {
                Pending p = pending.remove(id);
                if (p != null) {
                    p.timer().cancel(false);
                    completeExceptionally(p.result(),
                            new MagpieConnectionException("cannot send " + what + ": " + write.cause(), write.cause()));
                }
            }
        });
    }

    private void expire(long id) {
        Pending p = pending.remove(id);
        if (p != null) {
            completeExceptionally(p.result(), new RequestTimeoutException(p.what(), p.timeout()));
        }
    }

    /** Called by the inbound handler, on the event loop, for every well-formed frame. */
    void onFrame(Frame frame) {
        if (frame.getId() == 0) {
            if (frame.hasGoingAway() && closeCause == null) {
                closeCause = new ServerGoingAwayException(frame.getGoingAway().getReason(),
                        frame.getGoingAway().getReconnect());
            }
            owner.onPush(frame);
            return;
        }
        Pending p = pending.remove(frame.getId());
        if (p == null) {
            log.debug("response to unknown or expired request {}: {}", frame.getId(), frame.getBodyCase());
            return;
        }
        p.timer().cancel(false);
        if (frame.hasError()) {
            completeExceptionally(p.result(), WireErrors.fromServer(frame.getError()));
        } else {
            completions.execute(() -> p.result().complete(frame));
        }
    }

    /** Closes the connection because of {@code cause} (null for an orderly close). */
    public void close(Throwable cause) {
        closeRequested = true;
        if (cause != null && closeCause == null) {
            closeCause = cause;
        }
        channel.close();
    }

    private void onChannelClosed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.eventLoop().execute(() -> {
            List<Pending> failed = new ArrayList<>(pending.values());
            pending.clear();
            Throwable cause = closeCause != null || closeRequested
                    ? closeCause : new MagpieConnectionException("the connection to the server was lost");
            closeCause = cause;
            for (Pending p : failed) {
                p.timer().cancel(false);
                completeExceptionally(p.result(), new MagpieConnectionException(
                        "connection closed before the answer to " + p.what()
                                + (cause == null ? "" : ": " + cause.getMessage()), cause));
            }
            owner.onClosed(cause);
        });
    }

    private MagpieConnectionException notConnected() {
        Throwable cause = closeCause;
        return new MagpieConnectionException("not connected" + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    private void completeExceptionally(CompletableFuture<Frame> result, Throwable failure) {
        completions.execute(() -> result.completeExceptionally(failure));
    }
}
