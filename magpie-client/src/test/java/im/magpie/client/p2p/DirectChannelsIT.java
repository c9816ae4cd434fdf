package im.magpie.client.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link DirectChannels} on real loopback sockets, introduced to each other by a small
 * in-test introducer (the server's part, in-process): strangers, wrong certificates and a peer
 * that stops reading.
 */
class DirectChannelsIT {
    private static final long ALICE = 1001;
    private static final long BOB = 1002;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<PathChanged> alicePaths = new CopyOnWriteArrayList<>();
    private final List<DirectMessage> bobReceived = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    private static DirectSettings settings() {
        return DirectSettings.defaults().withListener("127.0.0.1", 0).withAdvertised(List.of("127.0.0.1"), 0)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    /** Introduces its two sides in-process, handing over endpoints as the server would (optionally altered). */
    private static final class PairIntroducer implements Introducer {
        private final long self;
        private final AtomicLong ids = new AtomicLong();
        volatile DirectChannels other;
        volatile long otherId;
        volatile UnaryOperator<Endpoint> alterAnswer = e -> e;
        volatile UnaryOperator<Endpoint> alterOffer = e -> e;
        private volatile CompletableFuture<Endpoint> answered;

        PairIntroducer(long self) {
            this.self = self;
        }

        @Override
        public CompletableFuture<Introduction> introduce(long peerUserId, Endpoint mine) {
            long id = ids.incrementAndGet();
            answered = new CompletableFuture<>();
            PairIntroducer otherSide = (PairIntroducer) otherIntroducer;
            otherSide.answered = answered;
            other.onOffer(new Offer(id, self, alterOffer.apply(mine)));
            return answered.thenApply(e -> new Introduction(peerUserId, id, alterAnswer.apply(e)));
        }

        volatile Introducer otherIntroducer;

        @Override
        public CompletableFuture<Void> answer(long introId, Endpoint mine) {
            if (mine == null) answered.completeExceptionally(new IllegalStateException("declined"));
            else answered.complete(mine);
            return CompletableFuture.completedFuture(null);
        }
    }

    private PairIntroducer aliceIntroducer;
    private PairIntroducer bobIntroducer;
    private DirectChannels alice;
    private DirectChannels bob;

    private void pair() {
        pair(settings());
    }

    private void pair(DirectSettings settings) {
        aliceIntroducer = new PairIntroducer(ALICE);
        bobIntroducer = new PairIntroducer(BOB);
        alice = new DirectChannels(settings, () -> ALICE, aliceIntroducer, m -> { }, alicePaths::add);
        bob = new DirectChannels(settings, () -> BOB, bobIntroducer, bobReceived::add, p -> { });
        closing.add(alice);
        closing.add(bob);
        aliceIntroducer.other = bob;
        aliceIntroducer.otherIntroducer = bobIntroducer;
        bobIntroducer.other = alice;
        bobIntroducer.otherIntroducer = aliceIntroducer;
    }

    private static DirectMessage text(String id, String text) {
        return new DirectMessage(id, ALICE, BOB, System.currentTimeMillis(), text, 0);
    }

    @Test
    void an_introduced_pair_exchanges_acknowledged_messages() {
        pair();
        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.DIRECT);
        assertThat(alice.deliver(text("c1", "hello")).join()).isTrue();
        assertThat(bobReceived).extracting(DirectMessage::clientMsgId, DirectMessage::senderId, DirectMessage::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", ALICE, "hello"));
        assertThat(alicePaths).extracting(PathChanged::path).containsExactly(ConversationPath.DIRECT);
    }

    @Test
    void a_stranger_connecting_to_the_listening_port_fails_the_handshake_and_reads_nothing() throws Exception {
        pair();
        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.DIRECT);

        // A TLS client with a certificate of its own, trusting anything: it must not get a frame in.
        SelfSignedCertificate strangerCert = new SelfSignedCertificate("stranger", "EC", 256);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("k", strangerCert.key(), new char[0], new Certificate[] {strangerCert.cert()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(kmf.getKeyManagers(), new TrustManager[] {new TrustingEveryone()}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", bob.listeningPort())) {
            socket.setSoTimeout(5_000);
            byte[] frame = im.magpie.protocol.proto.Frame.newBuilder().setSendMessage(
                    im.magpie.protocol.proto.SendMessageRequest.newBuilder().setClientMsgId("evil")
                            .setTo(im.magpie.protocol.proto.Peer.newBuilder().setUserId(BOB))
                            .setContent(im.magpie.protocol.proto.Content.newBuilder().setText(
                                    im.magpie.protocol.proto.Text.newBuilder().setText("let me in")))).build().toByteArray();
            assertThatThrownBy(() -> {
                socket.startHandshake(); // TLS 1.3: the client may finish before the server checks its certificate
                OutputStream out = socket.getOutputStream();
                out.write(new byte[] {0, 0, 0, (byte) frame.length});
                out.write(frame);
                out.flush();
                if (socket.getInputStream().read() < 0) throw new IOException("closed without a byte");
            }).isInstanceOf(IOException.class);
        }
        // Plain bytes instead of TLS: closed as well.
        try (Socket plain = new Socket("127.0.0.1", bob.listeningPort())) {
            plain.setSoTimeout(5_000);
            plain.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
            InputStream in = plain.getInputStream();
            byte[] buffer = new byte[4096];
            int total = 0;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) total += n;
            } catch (IOException reset) {
                // closed hard: fine
            }
            assertThat(total).as("bytes a plain-text stranger reads (at most a TLS alert)").isLessThan(64);
        }

        assertThat(bobReceived).isEmpty();
        assertThat(alice.deliver(text("c2", "still here")).join()).isTrue();
        assertThat(bobReceived).extracting(DirectMessage::text).containsExactly("still here");
    }

    @Test
    void a_peer_presenting_another_certificate_than_introduced_is_refused_and_the_path_stays_via_server() {
        pair();
        String someoneElse = ChannelIdentity.generate().fingerprint();
        aliceIntroducer.alterAnswer = e -> new Introducer.Endpoint(e.candidates(), e.port(), someoneElse);

        long started = System.nanoTime();
        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.VIA_SERVER);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(alicePaths).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo(ConversationPath.VIA_SERVER));
        assertThat(alice.deliver(text("c1", "not direct")).join()).isFalse(); // resting: via the server at once
        assertThat(bobReceived).isEmpty();
    }

    @Test
    void a_listener_told_another_certificate_for_the_caller_refuses_it() {
        pair();
        String someoneElse = ChannelIdentity.generate().fingerprint();
        aliceIntroducer.alterOffer = e -> new Introducer.Endpoint(e.candidates(), e.port(), someoneElse);

        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.VIA_SERVER);
        assertThat(bob.path(ALICE)).isEqualTo(ConversationPath.VIA_SERVER);
        assertThat(bobReceived).isEmpty();
    }

    @Test
    void a_peer_that_stops_reading_costs_one_ack_timeout_and_the_path_falls_back() throws Exception {
        pair();
        // "Bob" here is a TLS peer with an introduced certificate that stops reading after the handshake.
        ChannelIdentity deaf = ChannelIdentity.generate();
        SslContext tls = deaf.serverContext(fingerprint -> fingerprint.equals(alice.fingerprint()));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        closing.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), im.magpie.protocol.codec.FrameEncoder.INSTANCE,
                                new ChannelInboundHandlerAdapter() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt instanceof SslHandshakeCompletionEvent) {
                                    ctx.writeAndFlush(im.magpie.protocol.proto.Frame.newBuilder()
                                            .setOk(im.magpie.protocol.proto.Ok.getDefaultInstance()).build()); // the welcome
                                    ctx.channel().config().setAutoRead(false);
                                }
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        aliceIntroducer.alterAnswer = e -> new Introducer.Endpoint(
                List.of(new Introducer.Candidate("127.0.0.1", port, false)), port, deaf.fingerprint());

        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.DIRECT);
        String big = "x".repeat(16 * 1024 - 16);
        long started = System.nanoTime();
        CompletableFuture<Boolean> first = alice.deliver(text("c1", big));
        List<CompletableFuture<Void>> more = new ArrayList<>();
        for (int i = 2; i <= 50; i++) alice.send(text("c" + i, big)).ifPresent(more::add);

        assertThat(first.join()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        await().until(() -> more.stream().allMatch(CompletableFuture::isDone));
        assertThat(more).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(alice.path(BOB)).isEqualTo(ConversationPath.VIA_SERVER);
        await().untilAsserted(() -> assertThat(alicePaths).extracting(PathChanged::path)
                .containsExactly(ConversationPath.DIRECT, ConversationPath.VIA_SERVER));
        listener.close();
    }

    @Test
    void an_idle_channel_closes_and_the_next_message_opens_a_new_one() {
        pair(settings().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(30)));
        assertThat(alice.deliver(text("c1", "before")).join()).isTrue();
        await().until(() -> alice.path(BOB) == ConversationPath.VIA_SERVER && bob.path(ALICE) == ConversationPath.VIA_SERVER);
        // the path changes before its event is published: wait for the event, not just the state
        await().untilAsserted(() -> assertThat(alicePaths.get(alicePaths.size() - 1))
                .satisfies(change -> {
                    assertThat(change.path()).isEqualTo(ConversationPath.VIA_SERVER);
                    assertThat(change.reason()).contains("idle");
                }));

        assertThat(alice.deliver(text("c2", "after")).join()).as("idle is not a failure: no rest").isTrue();
        assertThat(bobReceived).extracting(DirectMessage::text).containsExactly("before", "after");
    }

    @Test
    void after_a_failed_attempt_the_path_rests_via_the_server_and_is_tried_again_later() {
        pair(settings().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMillis(500)));
        String someoneElse = ChannelIdentity.generate().fingerprint();
        aliceIntroducer.alterAnswer = e -> new Introducer.Endpoint(e.candidates(), e.port(), someoneElse);
        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.VIA_SERVER);

        aliceIntroducer.alterAnswer = e -> e; // the introduction is right again; within the rest it is not tried
        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.VIA_SERVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.open(BOB).join() == ConversationPath.DIRECT);
        assertThat(alicePaths).extracting(PathChanged::path).containsExactly(ConversationPath.VIA_SERVER, ConversationPath.DIRECT);
    }

    @Test
    void with_direct_channels_off_nothing_listens_and_offers_are_declined() {
        aliceIntroducer = new PairIntroducer(ALICE);
        bobIntroducer = new PairIntroducer(BOB);
        alice = new DirectChannels(settings(), () -> ALICE, aliceIntroducer, m -> { }, alicePaths::add);
        bob = new DirectChannels(settings().withEnabled(false), () -> BOB, bobIntroducer, bobReceived::add, p -> { });
        closing.add(alice);
        closing.add(bob);
        aliceIntroducer.other = bob;
        aliceIntroducer.otherIntroducer = bobIntroducer;

        assertThat(bob.listeningPort()).isZero();
        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.VIA_SERVER);
        assertThat(alicePaths).singleElement().satisfies(p -> assertThat(p.reason()).contains("declined"));
    }

    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
