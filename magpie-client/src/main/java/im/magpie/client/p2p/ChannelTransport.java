package im.magpie.client.p2p;

import im.magpie.protocol.codec.FrameDecoder;
import im.magpie.protocol.codec.FrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * The sockets of the direct channels: one listener and the dialer, on one event loop of their own.
 * Every connection has the same pipeline, read top to bottom:
 * <ol>
 *   <li>{@code tls}: {@link SslHandler}, TLS 1.3 on the JDK provider, mutual, fingerprint-checked,
 *       with a handshake deadline (a stranger who never finishes is closed);</li>
 *   <li>{@code idle}: a channel without traffic for the idle timeout is closed;</li>
 *   <li>{@code frame-decoder} / {@code frame-encoder}: magpie-protocol's length-prefixed frames with a hard maximum;</li>
 *   <li>{@code link}: {@link LinkHandler}.</li>
 * </ol>
 */
final class ChannelTransport implements AutoCloseable {
    private static final long HANDSHAKE_GRACE_MILLIS = 500;
    private final DirectSettings settings;
    private final LinkHandler.Events events;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("magpie-direct", true), NioIoHandler.newFactory());
    private final Channel listener;

    ChannelTransport(DirectSettings settings, ChannelIdentity identity, Predicate<String> accepted,
                     LinkHandler.Events events) {
        this.settings = settings;
        this.events = events;
        SslContext serverTls;
        try {
            serverTls = identity.serverContext(accepted);
        } catch (SSLException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot set up TLS for direct channels: " + e.getMessage(), e);
        }
        ServerBootstrap server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8 * 1024 * 1024, 16 * 1024 * 1024))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline(ch, serverTls.newHandler(ch.alloc()), 0, new CompletableFuture<>());
                    }
                });
        try {
            listener = server.bind(settings.bindHost(), settings.listenPort()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new DirectChannelException("cannot listen for direct channels on " + settings.bindHost() + ":"
                    + settings.listenPort() + ": " + e.getMessage());
        }
    }

    int listeningPort() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private void pipeline(Channel ch, SslHandler tls, long dialedPeer, CompletableFuture<DirectLink> handshake) {
        // A safety net just past the dial's own deadline: when every candidate hangs, that deadline
        // (scheduled at the start, one clear reason) must decide, not a race between two equal timers.
        tls.setHandshakeTimeoutMillis(settings.connectTimeout().toMillis() + HANDSHAKE_GRACE_MILLIS);
        ch.pipeline().addLast("tls", tls);
        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        ch.pipeline().addLast("frame-decoder", new FrameDecoder(settings.maxFrameBytes()));
        ch.pipeline().addLast("frame-encoder", FrameEncoder.INSTANCE);
        ch.pipeline().addLast("link", new LinkHandler(events, dialedPeer, handshake));
    }

    /**
     * Connects to every candidate at once; the first that finishes a handshake with the expected
     * certificate wins and the rest are closed. Fails when none has within the connect timeout.
     */
    CompletableFuture<DirectLink> dial(long peerUserId, List<Introducer.Candidate> candidates, SslContext tls) {
        CompletableFuture<DirectLink> winner = new CompletableFuture<>();
        if (candidates.isEmpty()) {
            winner.completeExceptionally(new DirectChannelException("the peer has no candidate addresses"));
            return winner;
        }
        List<Channel> attempts = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        long timeoutMillis = settings.connectTimeout().toMillis();
        for (Introducer.Candidate candidate : candidates) {
            CompletableFuture<DirectLink> handshake = new CompletableFuture<>();
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMillis)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8 * 1024 * 1024, 16 * 1024 * 1024))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            pipeline(ch, tls.newHandler(ch.alloc(), candidate.host(), candidate.port()), peerUserId, handshake);
                        }
                    });
            ChannelFuture connect;
            try {
                connect = bootstrap.connect(candidate.host(), candidate.port());
            } catch (RuntimeException e) {
                handshake.completeExceptionally(e);
                connect = null;
            }
            if (connect != null) {
                synchronized (attempts) {
                    attempts.add(connect.channel());
                }
                connect.addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) handshake.completeExceptionally(f.cause());
                });
            }
            handshake.whenComplete((link, e) -> {
                if (e != null) {
                    if (failed.incrementAndGet() == candidates.size()) {
                        winner.completeExceptionally(new DirectChannelException("no candidate answered: " + e.getMessage()));
                    }
                } else if (!winner.complete(link)) {
                    link.close("another candidate was faster");
                }
            });
        }
        group.schedule(() -> winner.completeExceptionally(new DirectChannelException(
                "no candidate connected within " + timeoutMillis + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
        winner.whenComplete((link, e) -> {
            synchronized (attempts) {
                for (Channel ch : attempts) if (link == null || ch != link.channel()) ch.close();
            }
        });
        return winner;
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
