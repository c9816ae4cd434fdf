package im.magpie.cli.bench.xmpp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Registers accounts on an XMPP server in band (XEP-0077), one short connection per account,
 * a bounded number at a time: the setup of {@code magpie bench setup --protocol xmpp}.
 */
public final class XmppRegistrar implements AutoCloseable {
    public record Account(String username, String password) {}

    private final InetSocketAddress server;
    private final String domain;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    public XmppRegistrar(InetSocketAddress server, String domain) {
        this.server = server;
        this.domain = domain;
    }

    /** Registers one account; completes when the server said yes, fails with its reason otherwise. */
    public CompletableFuture<Void> register(Account account) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("decoder", decoder);
                        ch.pipeline().addLast("register", new Handler(account, decoder, result));
                    }
                })
                .connect(server)
                .addListener(f -> {
                    if (!f.isSuccess()) result.completeExceptionally(f.cause());
                });
        return result;
    }

    /**
     * Registers all {@code accounts}, {@code concurrency} at a time, within {@code deadlineSeconds}.
     * @throws IllegalStateException naming how many failed and the first reason
     */
    public void registerAll(List<Account> accounts, int concurrency, int deadlineSeconds) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        for (Account a : accounts) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("registration did not finish within " + deadlineSeconds + " s");
            }
            register(a).whenComplete((ok, e) -> {
                if (e != null && failed.incrementAndGet() == 1) firstFailure.set(e.getMessage());
                permits.release();
            });
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !permits.tryAcquire(concurrency, left, TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("registration did not finish within " + deadlineSeconds + " s");
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + accounts.size() + " registrations failed (first: "
                    + firstFailure.get() + ")");
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends ChannelInboundHandlerAdapter implements XmppNegotiation.Out {
        private final XmppStreamDecoder decoder;
        private final CompletableFuture<Void> result;
        private final XmppNegotiation negotiation;
        private ChannelHandlerContext ctx;

        Handler(Account account, XmppStreamDecoder decoder, CompletableFuture<Void> result) {
            this.decoder = decoder;
            this.result = result;
            this.negotiation = new XmppNegotiation(XmppNegotiation.Goal.REGISTER, domain, account.username(),
                    account.password(), "bench", this);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            negotiation.start();
            ctx.flush();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof XmppEvent event) negotiation.on(event);
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IllegalStateException("the server closed the connection while " + negotiation.state()));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void send(String xml) {
            ctx.write(ctx.alloc().buffer().writeBytes(xml.getBytes(StandardCharsets.UTF_8)), ctx.voidPromise());
        }

        @Override
        public void restartParser() {
            decoder.restart();
        }

        @Override
        public void done(String fullJid) {
            ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(f -> ctx.close());
            result.complete(null);
        }

        @Override
        public void failed(String reason) {
            result.completeExceptionally(new IllegalStateException(reason));
            ctx.close();
        }
    }
}
