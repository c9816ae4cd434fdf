package im.magpie.server.transport;

import im.magpie.protocol.Limits;
import im.magpie.protocol.codec.FrameDecoder;
import im.magpie.protocol.codec.FrameEncoder;
import im.magpie.server.dispatch.Dispatcher;
import im.magpie.server.session.SessionRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP listener. Each connection's pipeline, in order:
 * <ol>
 *   <li>{@code tls} — TLS (unless disabled for a trusted LAN);</li>
 *   <li>{@code idle} — closes a connection silent for 3 heartbeat intervals;</li>
 *   <li>{@code flush} — coalesces flushes so a burst of writes costs one syscall;</li>
 *   <li>{@code decoder} — length-prefixed frames with a hard maximum (a small one before login, out of
 *       a budget shared by every connection not logged in), into {@code DecodedFrame} values;</li>
 *   <li>{@code encoder} — frames out;</li>
 *   <li>{@code connection} — the connection's lifecycle, handing every frame to the {@link Dispatcher}.</li>
 * </ol>
 * Native epoll is used where available, NIO elsewhere.
 */
public final class ServerTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerTransport.class);

    /** What the transport needs from the rest of the server. */
    public record Options(
            String host,
            int port,
            SslContext ssl,
            int maxFrameBytes,
            int heartbeatSeconds,
            int maxOutboundBytes,
            int maxPendingRequests,
            ConnectionLimits limits) {}

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final boolean epoll;
    private final PreLoginGuard guard;

    public ServerTransport(Options options, Dispatcher dispatcher, SessionRegistry sessions, Executor blocking) {
        this.epoll = Epoll.isAvailable();
        ConnectionLimits limits = options.limits();
        this.guard = new PreLoginGuard(limits.unauthenticatedPerAddress(), limits.preLoginBufferBytes());
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.boss = new MultiThreadIoEventLoopGroup(1, io);
        this.workers = new MultiThreadIoEventLoopGroup(0, io);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (options.ssl() != null) p.addLast("tls", options.ssl().newHandler(ch.alloc()));
                        p.addLast("idle", new IdleStateHandler(
                                options.heartbeatSeconds() * (long) Limits.MISSED_HEARTBEATS_BEFORE_CLOSE, 0, 0,
                                TimeUnit.SECONDS));
                        p.addLast("flush", new FlushConsolidationHandler(64, true));
                        // Small frames out of a shared budget until login (ConnectionHandler lifts both).
                        FrameDecoder decoder = new FrameDecoder(limits.preLoginMaxFrameBytes(), guard.budget());
                        p.addLast("decoder", decoder);
                        p.addLast("encoder", FrameEncoder.INSTANCE);
                        p.addLast("connection", new ConnectionHandler(dispatcher, sessions, blocking,
                                options.maxOutboundBytes(), options.maxPendingRequests(), decoder, guard, limits));
                    }
                });
        try {
            this.serverChannel = bootstrap.bind(new InetSocketAddress(options.host(), options.port())).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
        log.info("listening on {} ({}, {})", serverChannel.localAddress(), epoll ? "epoll" : "nio",
                options.ssl() != null ? "TLS" : "no TLS");
    }

    /** Bytes buffered now for frames still arriving on connections that have not logged in. */
    public long preLoginBufferedBytes() {
        return guard.bufferedBytes();
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting new connections; open ones stay. */
    public void stopAccepting() {
        if (serverChannel != null) serverChannel.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        stopAccepting();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
