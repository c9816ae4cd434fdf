package im.magpie.client.internal;

import im.magpie.client.MagpieConnectionException;
import im.magpie.protocol.codec.FrameDecoder;
import im.magpie.protocol.codec.FrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens a {@link Connection}: TCP connect, then (with TLS) the handshake, through this pipeline:
 * <ol>
 *   <li>{@code tls}: {@link SslHandler} with the pinning trust manager (absent with TLS off);</li>
 *   <li>{@code frame-decoder}: length-prefixed frames with a hard maximum, into DecodedFrame;</li>
 *   <li>{@code frame-encoder}: Frame → length-prefixed bytes;</li>
 *   <li>{@code inbound}: hands frames to the Connection.</li>
 * </ol>
 */
public final class Connector {
    public record Target(String host, int port, SslContext tls, Duration connectTimeout, int maxFrameBytes) {
        public String describe() {
            return host + ":" + port;
        }
    }

    private Connector() {}

    /** Completes with an open connection, or exceptionally with a {@link MagpieConnectionException}. */
    public static CompletableFuture<Connection> open(EventLoopGroup group, Target target,
                                                     Executor completions, Connection.Owner owner) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        // Kept outside the pipeline: the peer may close at once (a proxy refusing, a full server),
        // and the pipeline's handlers are gone by the time the connect listener runs.
        AtomicReference<Opened> opened = new AtomicReference<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) target.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler tls = null;
                        if (target.tls() != null) {
                            tls = target.tls().newHandler(ch.alloc(), target.host(), target.port());
                            tls.setHandshakeTimeoutMillis(target.connectTimeout().toMillis());
                            ch.pipeline().addLast("tls", tls);
                        }
                        ch.pipeline().addLast("frame-decoder", new FrameDecoder(target.maxFrameBytes()));
                        ch.pipeline().addLast("frame-encoder", FrameEncoder.INSTANCE);
                        Connection connection = new Connection(ch, completions, owner);
                        opened.set(new Opened(connection, tls));
                        ch.pipeline().addLast("inbound", new InboundHandler(connection));
                    }
                });
        ChannelFuture connect;
        try {
            connect = bootstrap.connect(target.host(), target.port());
        } catch (RuntimeException e) {
            result.completeExceptionally(unreachable(target, e));
            return result;
        }
        connect.addListener((ChannelFuture f) -> {
            // A listener that throws is only logged by Netty: the caller would wait forever.
            try {
                connected(f, opened.get(), target, result);
            } catch (RuntimeException e) {
                result.completeExceptionally(unreachable(target, e));
                f.channel().close();
            }
        });
        return result;
    }

    /** What the channel initializer made: the connection, and the TLS handler (null without TLS). */
    private record Opened(Connection connection, SslHandler tls) {}

    private static void connected(ChannelFuture f, Opened opened, Target target,
                                  CompletableFuture<Connection> result) {
        if (!f.isSuccess()) {
            result.completeExceptionally(unreachable(target, f.cause()));
            return;
        }
        if (opened == null || !f.channel().isActive()) {
            result.completeExceptionally(new MagpieConnectionException(
                    "the connection to " + target.describe() + " was closed as soon as it opened"));
            f.channel().close();
            return;
        }
        if (opened.tls() == null) {
            result.complete(opened.connection());
            return;
        }
        // A channel closed during the handshake fails this future too.
        opened.tls().handshakeFuture().addListener(h -> {
            if (h.isSuccess()) {
                result.complete(opened.connection());
            } else {
                result.completeExceptionally(new MagpieConnectionException("TLS handshake with "
                        + target.describe() + " failed: " + rootMessage(h.cause())
                        + " (does the server run without TLS? then use --no-tls)", h.cause()));
                f.channel().close();
            }
        });
    }

    private static MagpieConnectionException unreachable(Target target, Throwable cause) {
        return new MagpieConnectionException("cannot reach " + target.describe() + ": " + rootMessage(cause), cause);
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
