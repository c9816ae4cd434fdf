package im.magpie.testkit;

import im.magpie.protocol.ProtocolVersion;
import im.magpie.protocol.codec.FrameBytes;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.LoginRequest;
import im.magpie.protocol.proto.RegisterRequest;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A deliberately small, blocking protocol client for server tests: raw frames over a socket, so a
 * test can also send garbage, oversized or out-of-order frames. Not thread-safe; one per test
 * thread. Pushes (id 0) that arrive while waiting for a response are kept for {@link #nextPush}.
 */
public final class RawClient implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final AtomicLong ids = new AtomicLong();
    private final Deque<Frame> pushes = new ArrayDeque<>();
    private final Deque<Frame> others = new ArrayDeque<>();

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects (TLS if the server uses it, trusting any certificate) without saying Hello. */
    public static RawClient open(TestServer server) {
        return open(server.host(), server.port(), server.tls());
    }

    /** Connects to any server (e.g. one in another process) without saying Hello. */
    public static RawClient open(String host, int port, boolean tls) {
        return open(host, port, tls, null);
    }

    /**
     * Connects from {@code localAddress} (null = any) and says Hello. Every 127.x.y.z address is
     * loopback on Linux, so a test can play clients at different addresses (e.g. "127.0.0.2").
     */
    public static RawClient connectFrom(TestServer server, String localAddress) {
        return hello(open(server.host(), server.port(), server.tls(), localAddress));
    }

    private static RawClient open(String host, int port, boolean tls, String localAddress) {
        try {
            java.net.InetAddress local = localAddress == null ? null : java.net.InetAddress.getByName(localAddress);
            Socket socket;
            if (tls) {
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, new TrustManager[] {TRUST_ALL}, null);
                SSLSocket s = (SSLSocket) (local == null ? ssl.getSocketFactory().createSocket(host, port)
                        : ssl.getSocketFactory().createSocket(host, port, local, 0));
                s.startHandshake();
                socket = s;
            } else {
                socket = local == null ? new Socket(host, port) : new Socket(host, port, local, 0);
            }
            socket.setTcpNoDelay(true);
            return new RawClient(socket);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to the test server: " + e, e);
        }
    }

    /** Connects and completes the Hello handshake. */
    public static RawClient connect(TestServer server) {
        return hello(open(server));
    }

    /** Connects to any server and completes the Hello handshake. */
    public static RawClient connect(String host, int port, boolean tls) {
        return hello(open(host, port, tls));
    }

    private static RawClient hello(RawClient client) {
        Frame ok = client.request(Frame.newBuilder().setHello(Hello.newBuilder()
                .setMajor(ProtocolVersion.MAJOR).setMinor(ProtocolVersion.MINOR).setClientName("raw-test").setLocale("en")));
        if (!ok.hasHelloOk()) throw new IllegalStateException("Hello refused: " + ok);
        return client;
    }

    /** Connects, registers {@code username} (password "password-123") and returns the client logged in. */
    public static RawClient registered(TestServer server, String username) {
        RawClient client = connect(server);
        client.register(username, "password-123", username);
        return client;
    }

    public LoginOk register(String username, String password, String nickname) {
        Frame f = request(Frame.newBuilder().setRegister(RegisterRequest.newBuilder()
                .setUsername(username).setPassword(password).setNickname(nickname).setDeviceName("test")));
        if (!f.hasLoginOk()) throw new IllegalStateException("register failed: " + f);
        return f.getLoginOk();
    }

    public Frame login(String username, String password) {
        return request(Frame.newBuilder().setLogin(LoginRequest.newBuilder()
                .setUsername(username).setPassword(password).setDeviceName("test")));
    }

    /** Sends a request with a fresh id and waits for the frame answering it. */
    public Frame request(Frame.Builder body) {
        long id = ids.incrementAndGet();
        send(body.setId(id).build());
        return awaitResponse(id, DEFAULT_TIMEOUT);
    }

    public void send(Frame frame) {
        sendBytes(FrameBytes.encode(frame));
    }

    public void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Frame awaitResponse(long id, Duration timeout) {
        for (var it = others.iterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (f.getId() == id) {
                it.remove();
                return f;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame f = read(deadline).orElseThrow(() -> new IllegalStateException("no answer to request " + id));
            if (f.getId() == id) return f;
            if (f.getId() == 0) pushes.add(f);
            else others.add(f);
        }
    }

    /** The next push (id 0), waiting up to {@code timeout}; empty if none came. */
    public Optional<Frame> nextPush(Duration timeout) {
        if (!pushes.isEmpty()) return Optional.of(pushes.poll());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Frame> f = read(deadline);
            if (f.isEmpty()) return f;
            if (f.get().getId() == 0) return f;
            others.add(f.get());
        }
    }

    /** Reads the next frame of any kind; empty on timeout. */
    public Optional<Frame> read(long deadlineNanos) {
        try {
            long remainingMs = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMs));
            int length = in.readInt();
            byte[] body = new byte[length];
            in.readFully(body);
            return Optional.of(Frame.parseFrom(body));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the server has closed the connection (reads EOF within the timeout). */
    public boolean isClosedByServer(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                int length = in.readInt();
                in.skipNBytes(length);
            }
            return false;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    /** The server's certificate (TLS connections only). */
    public X509Certificate peerCertificate() {
        try {
            return (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
