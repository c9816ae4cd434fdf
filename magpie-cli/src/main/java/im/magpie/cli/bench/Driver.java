package im.magpie.cli.bench;

import im.magpie.cli.bench.xmpp.XmppBridge;
import im.magpie.cli.bench.xmpp.XmppStreamDecoder;
import im.magpie.protocol.Limits;
import im.magpie.protocol.codec.FrameDecoder;
import im.magpie.protocol.codec.FrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The protocol-level load driver: a few event loops (native epoll where available) carrying many
 * lightweight connections, one per simulated user, each speaking raw frames through the
 * protocol's own {@link FrameDecoder}/{@link FrameEncoder}. TLS, when asked for, trusts any
 * certificate: this is a load tool against one's own server, never a client for people.
 */
public final class Driver implements AutoCloseable {
    private final Target target;
    private final Wire wire;
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final SslContext ssl;
    private final List<EventLoop> loops = new ArrayList<>();
    private final boolean epoll;
    /** Per user, the friend-list version its last login got: a reconnect says it holds that list, as a client does. */
    private final Map<Long, Long> friendListVersions = new ConcurrentHashMap<>();

    public Driver(Target target, int eventLoops) {
        this(target, eventLoops, new Wire.Magpie());
    }

    public Driver(Target target, int eventLoops, Wire wire) {
        this.target = target;
        this.wire = wire;
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(eventLoops, io);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        for (EventExecutor e : group) loops.add((EventLoop) e);
        try {
            this.ssl = target.tls()
                    ? SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build()
                    : null;
        } catch (SSLException e) {
            group.shutdownGracefully();
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    public List<EventLoop> loops() {
        return loops;
    }

    public boolean epoll() {
        return epoll;
    }

    /**
     * Opens connection number {@code n} for {@code user} on {@code loop}, says Hello and resumes
     * the user's session with its token (over XMPP: logs in with the token as password, see
     * {@link XmppBridge}). Completes when LoginOk arrives; fails on any error.
     */
    public CompletableFuture<SimConnection> connect(int n, Tokens.User user, EventLoop loop, LoopStats stats,
                                                    SimListener listener, boolean heartbeats) {
        if (wire instanceof Wire.Xmpp xmpp) xmpp.directory().add(user.userId(), user.username());
        SimConnection conn = new SimConnection(user, loop, stats, listener, heartbeats, friendListVersions);
        int port = target.portFor(user.index());
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(),
                                    target.address().getHostAddress(), port));
                        }
                        if (wire instanceof Wire.Xmpp xmpp) {
                            // XML in and out; the bridge turns it into the frames the simulated user speaks
                            XmppStreamDecoder decoder = new XmppStreamDecoder();
                            ch.pipeline().addLast("decoder", decoder);
                            ch.pipeline().addLast("xmpp", new XmppBridge(user.userId(), user.username(), user.token(),
                                    xmpp.directory(), decoder));
                        } else {
                            ch.pipeline().addLast("decoder", new FrameDecoder(Limits.DEFAULT_MAX_FRAME_BYTES));
                            ch.pipeline().addLast("encoder", FrameEncoder.INSTANCE);
                        }
                        ch.pipeline().addLast("sim", conn.handler());
                    }
                });
        InetSocketAddress remote = new InetSocketAddress(target.address(), port);
        var source = target.sourceFor(n);
        conn.markConnectStart(System.nanoTime());
        ChannelFuture f = source == null ? b.connect(remote) : b.connect(remote, new InetSocketAddress(source, 0));
        f.addListener(done -> {
            if (!done.isSuccess()) conn.failLogin(done.cause());
        });
        return conn.loggedIn();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Closes every connection in {@code conns} and waits (bounded) for them to be gone. */
    public static void closeAll(List<SimConnection> conns, long timeoutMillis) {
        List<io.netty.channel.ChannelFuture> futures = new ArrayList<>();
        for (SimConnection c : conns) {
            Channel ch = c.channel();
            if (ch != null) futures.add(ch.close());
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (var f : futures) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) break;
            f.awaitUninterruptibly(left);
        }
    }
}
