package im.magpie.client;

import im.magpie.protocol.Limits;
import im.magpie.protocol.codec.DecodedFrame;
import im.magpie.protocol.codec.FrameDecoder;
import im.magpie.protocol.codec.FrameEncoder;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.HelloOk;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny frame-speaking server for unit tests of the client's transport (correlation, timeouts,
 * pushes, heartbeats, pinning) where the real server cannot be made to misbehave on purpose.
 * The responder gets every frame after Hello and returns the answers to write (possibly none).
 */
final class FakeServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<Frame> received = new CopyOnWriteArrayList<>();
    private final Channel listener;
    private final SelfSignedCertificate certificate;
    private volatile int heartbeatSeconds = 30;
    private volatile Function<Frame, List<Frame>> helloResponder = FakeServer::helloOk;

    private FakeServer(int port, boolean tls, Function<Frame, List<Frame>> responder) throws Exception {
        SslContext ssl = null;
        if (tls) {
            certificate = new SelfSignedCertificate("magpie-test", "EC", 256); // EC: fast to generate
            ssl = SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey()).build();
        } else {
            certificate = null;
        }
        SslContext sslContext = ssl;
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        clients.add(ch);
                        if (sslContext != null) {
                            ch.pipeline().addLast(sslContext.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new FrameDecoder(Limits.DEFAULT_MAX_FRAME_BYTES), FrameEncoder.INSTANCE,
                                new SimpleChannelInboundHandler<DecodedFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, DecodedFrame msg) {
                                        if (!(msg instanceof DecodedFrame.Good good)) {
                                            ctx.close();
                                            return;
                                        }
                                        Frame frame = good.frame();
                                        received.add(frame);
                                        List<Frame> answers = frame.hasHello()
                                                ? helloResponder.apply(frame) : responder.apply(frame);
                                        answers.forEach(ctx::write);
                                        ctx.flush();
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close(); // e.g. a refused handshake: expected in these tests
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    static FakeServer start(Function<Frame, List<Frame>> responder) throws Exception {
        return new FakeServer(0, false, responder);
    }

    static FakeServer startTls(int port, Function<Frame, List<Frame>> responder) throws Exception {
        return new FakeServer(port, true, responder);
    }

    private static List<Frame> helloOk(Frame hello) {
        return List.of(Frame.newBuilder().setId(hello.getId()).setHelloOk(HelloOk.newBuilder()
                .setMajor(1).setServerName("fake").setMaxFrameBytes(Limits.DEFAULT_MAX_FRAME_BYTES)
                .setHeartbeatIntervalSeconds(30)).build());
    }

    FakeServer heartbeatSeconds(int seconds) {
        this.heartbeatSeconds = seconds;
        this.helloResponder = hello -> List.of(Frame.newBuilder().setId(hello.getId()).setHelloOk(HelloOk.newBuilder()
                .setMajor(1).setServerName("fake").setHeartbeatIntervalSeconds(heartbeatSeconds)).build());
        return this;
    }

    FakeServer helloResponder(Function<Frame, List<Frame>> responder) {
        this.helloResponder = responder;
        return this;
    }

    int port() {
        return ((java.net.InetSocketAddress) listener.localAddress()).getPort();
    }

    List<Frame> received() {
        return received;
    }

    void push(Frame frame) {
        clients.writeAndFlush(frame);
    }

    void disconnectClients() {
        clients.close().awaitUninterruptibly();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        clients.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        if (certificate != null) {
            certificate.delete();
        }
    }
}
