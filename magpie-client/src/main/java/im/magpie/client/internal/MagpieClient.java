package im.magpie.client.internal;

import im.magpie.client.CertificateChangedException;
import im.magpie.client.ConnectionState;
import im.magpie.client.ErrorReason;
import im.magpie.client.KnownServers;
import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.Messenger;
import im.magpie.client.ServerInfo;
import im.magpie.protocol.ProtocolVersion;
import im.magpie.protocol.proto.ChangePasswordRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.HelloOk;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.LoginRequest;
import im.magpie.protocol.proto.LogoutRequest;
import im.magpie.protocol.proto.Pong;
import im.magpie.protocol.proto.RegisterRequest;
import im.magpie.protocol.proto.ResumeRequest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * A connection to one Magpie server, and the requests made over it.
 *
 * <pre>{@code
 * try (MagpieClient client = MagpieClient.builder().host("chat.example").build()) {
 *     client.connect().join();
 *     LoginOk ok = client.login("alice", password).join();
 *     Frame answer = client.request(Frame.newBuilder().setListFriends(ListFriendsRequest.getDefaultInstance()),
 *                                   Frame.BodyCase.FRIEND_LIST).join();
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Thread-safe: any thread may call any method. Nothing blocks: every request
 * returns a {@link CompletableFuture}, which completes on the client's single event thread (the
 * one that also calls {@link ClientListener}s), never on a network thread; do not block in a
 * continuation that runs on it. {@code join()} from an application thread is fine.
 *
 * <p><b>Failures.</b> Futures fail with {@link MagpieClientException}: the server's typed
 * {@code Error}, or a {@link MagpieConnectionException} (unreachable, closed, timed out after the
 * request timeout, TLS refused, e.g. {@link CertificateChangedException}).
 *
 * <p><b>Lifecycle.</b> {@code OFFLINE → CONNECTING → ONLINE → OFFLINE}, each change reported as a
 * {@link ClientEvent.StateChanged}. While ONLINE the client pings at the server's heartbeat
 * interval and reports each {@link ClientEvent.Heartbeat}. A client connects once; after it goes
 * OFFLINE, build a new one; {@link Messenger} does that for you (reconnects with backoff, resumes, syncs). {@link #close()} releases the
 * threads.
 */
public final class MagpieClient implements AutoCloseable {
    /** The default TCP port of the client protocol. */
    public static final int DEFAULT_PORT = 7878;

    private final MagpieClientBuilder config;
    private final EventDispatcher events = new EventDispatcher("magpie-client-events");
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final KnownServers knownServers;
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.OFFLINE);
    private final AtomicLong latestSeq = new AtomicLong();
    private volatile Connection connection;
    private volatile ServerInfo serverInfo;
    private volatile LoginOk session;
    private volatile boolean closed;
    private final Groups groups = new Groups(this);
    private final Friends friends = new Friends(this);
    private final Profiles profiles = new Profiles(this);

    MagpieClient(MagpieClientBuilder config) {
        this.config = config;
        this.knownServers = KnownServers.inProfile(config.profileDir);
    }

    public static MagpieClientBuilder builder() {
        return new MagpieClientBuilder();
    }

    /** {@code host:port} of the server, as used in the known-servers file. */
    public String server() {
        return KnownServers.key(config.host, config.port);
    }

    public ConnectionState state() {
        return state.get();
    }

    /** What the server said in {@code HelloOk}; empty before {@link #connect()} succeeded. */
    public Optional<ServerInfo> serverInfo() {
        return Optional.ofNullable(serverInfo);
    }

    /** The last successful register/login/resume of this connection; empty when logged out. */
    public Optional<LoginOk> session() {
        return Optional.ofNullable(session);
    }

    /** The newest inbox sequence the server reported (login or the last {@code Pong}); 0 if none. */
    public long latestSeq() {
        return latestSeq.get();
    }

    /** Groups (chat rooms): create, join, members, roles. */
    public Groups groups() {
        return groups;
    }

    public void addListener(ClientListener listener) {
        events.add(Objects.requireNonNull(listener));
    }

    public void removeListener(ClientListener listener) {
        events.remove(listener);
    }

    /**
     * Connects and says {@code Hello}. Completes with the server's {@link ServerInfo}; fails with a
     * {@link MagpieConnectionException} (unreachable, TLS, {@link CertificateChangedException}) or
     * with code {@code BAD_VERSION} when the server does not speak this protocol version.
     *
     * @throws IllegalStateException (in the future) when already connecting, connected or closed
     */
    public CompletableFuture<ServerInfo> connect() {
        if (closed || !state.compareAndSet(ConnectionState.OFFLINE, ConnectionState.CONNECTING)) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "connect() is allowed once, on a new client; state is " + state.get()));
        }
        events.publish(new ClientEvent.StateChanged(ConnectionState.CONNECTING, null));
        PinningTrustManager trust = config.tls ? new PinningTrustManager(knownServers, server(), config.onServerPinned) : null;
        Connector.Target target;
        try {
            target = new Connector.Target(config.host, config.port, trust == null ? null : sslContext(trust),
                    config.connectTimeout, config.maxFrameBytes);
        } catch (SSLException e) {
            MagpieConnectionException failure = new MagpieConnectionException("cannot set up TLS: " + e.getMessage(), e);
            wentOffline(failure);
            return CompletableFuture.failedFuture(failure);
        }
        CompletableFuture<ServerInfo> result = new CompletableFuture<>();
        Connector.open(group, target, events, new Connection.Owner() {
            @Override
            public void onPush(Frame frame) {
                events.publish(new ClientEvent.Push(frame));
            }

            @Override
            public void onClosed(Throwable cause) {
                wentOffline(cause);
            }
        }).thenCompose(conn -> {
            connection = conn;
            return hello(conn);
        }).whenComplete((info, failure) -> {
            if (failure != null) {
                Throwable reason = trust != null && trust.refused().isPresent()
                        ? trust.refused().get() : unwrapCompletion(failure);
                Connection conn = connection;
                if (conn != null) {
                    conn.close(reason);
                }
                wentOffline(reason);
                events.execute(() -> result.completeExceptionally(reason));
                return;
            }
            serverInfo = info;
            if (state.compareAndSet(ConnectionState.CONNECTING, ConnectionState.ONLINE)) {
                events.publish(new ClientEvent.StateChanged(ConnectionState.ONLINE, null));
                Heartbeat.start(connection, info.heartbeatIntervalSeconds(), config.requestTimeout, this::onPong);
                events.execute(() -> result.complete(info));
            } else {
                events.execute(() -> result.completeExceptionally(
                        new MagpieConnectionException("connection closed during Hello")));
            }
        });
        return result;
    }

    private CompletableFuture<ServerInfo> hello(Connection conn) {
        Frame.Builder hello = Frame.newBuilder().setHello(Hello.newBuilder()
                .setMajor(ProtocolVersion.MAJOR)
                .setMinor(ProtocolVersion.MINOR)
                .setClientName(config.clientName)
                .setLocale(config.locale.toLanguageTag()));
        return checked(conn.request(hello, config.requestTimeout), Frame.BodyCase.HELLO_OK, "Hello")
                .handle((frame, failure) -> {
                    if (failure == null) {
                        return serverInfo(frame.getHelloOk());
                    }
                    Throwable cause = unwrapCompletion(failure);
                    if (cause instanceof MagpieClientException e && e.errorReason() == ErrorReason.BAD_VERSION) {
                        throw new MagpieClientException(ErrorReason.BAD_VERSION, "the server at " + server()
                                + " does not speak protocol " + ProtocolVersion.describe() + ": " + e.getMessage(),
                                0, true, e);
                    }
                    if (cause instanceof MagpieConnectionException && !config.tls) {
                        throw new MagpieConnectionException(cause.getMessage()
                                + " (does the server use TLS? then leave out --no-tls)", cause);
                    }
                    throw cause instanceof RuntimeException r ? r : new MagpieConnectionException(cause.toString(), cause);
                });
    }

    private void wentOffline(Throwable cause) {
        if (state.getAndSet(ConnectionState.OFFLINE) != ConnectionState.OFFLINE) {
            session = null;
            events.publish(new ClientEvent.StateChanged(ConnectionState.OFFLINE, cause));
        }
    }

    private void onPong(Pong pong) {
        latestSeq.set(pong.getLatestSeq());
        events.publish(new ClientEvent.Heartbeat(pong.getLatestSeq(), pong.getServerTimeMs()));
    }

    private static SslContext sslContext(PinningTrustManager trust) throws SSLException {
        return SslContextBuilder.forClient()
                .trustManager(trust)
                .endpointIdentificationAlgorithm(null) // the pin is the identity; see PinningTrustManager
                .build();
    }

    /** Creates the account, and logs this connection in as it. */
    public CompletableFuture<LoginOk> register(String username, String password, String nickname) {
        return loggedIn(request(Frame.newBuilder().setRegister(RegisterRequest.newBuilder()
                .setUsername(username).setPassword(password).setNickname(nickname)
                .setDeviceName(config.deviceName)), Frame.BodyCase.LOGIN_OK));
    }

    public CompletableFuture<LoginOk> login(String username, String password) {
        return loggedIn(request(Frame.newBuilder().setLogin(LoginRequest.newBuilder()
                .setUsername(username).setPassword(password).setDeviceName(config.deviceName)),
                Frame.BodyCase.LOGIN_OK));
    }

    /** Logs in with the resume token of an earlier {@link LoginOk}; no password needed. */
    public CompletableFuture<LoginOk> resume(String resumeToken) {
        return resume(resumeToken, 0);
    }

    /**
     * Logs in with a resume token, telling the server which friend list this device holds
     * ({@code FriendList.version}, 0 = none): if it is still current, the answer leaves the list
     * out ({@link LoginOk#getFriendListUnchanged()}) and carries only who is online
     * ({@link LoginOk#getFriendPresenceList()}).
     */
    public CompletableFuture<LoginOk> resume(String resumeToken, long friendListVersion) {
        return loggedIn(request(Frame.newBuilder().setResume(ResumeRequest.newBuilder()
                .setResumeToken(resumeToken).setFriendListVersion(friendListVersion)), Frame.BodyCase.LOGIN_OK));
    }

    private CompletableFuture<LoginOk> loggedIn(CompletableFuture<Frame> response) {
        return response.thenApply(frame -> {
            LoginOk ok = frame.getLoginOk();
            session = ok;
            latestSeq.set(ok.getLatestSeq());
            return ok;
        });
    }

    /** Logs out: the server revokes this session's resume token. */
    public CompletableFuture<Void> logout() {
        return request(Frame.newBuilder().setLogout(LogoutRequest.getDefaultInstance()), Frame.BodyCase.OK)
                .thenAccept(frame -> session = null);
    }

    /** Changes the password; the server revokes the other sessions' resume tokens. */
    public CompletableFuture<Void> changePassword(String oldPassword, String newPassword) {
        return request(Frame.newBuilder().setChangePassword(ChangePasswordRequest.newBuilder()
                .setOldPassword(oldPassword).setNewPassword(newPassword)), Frame.BodyCase.OK)
                .thenAccept(frame -> { });
    }

    /** Friends, friend requests, blocks, categories and remarks. */
    public Friends friends() {
        return friends;
    }

    /** Profiles (one's own too), avatars, user search and one's own presence status. */
    public Profiles profiles() {
        return profiles;
    }

    /** Messaging requests (send, sync, receipts, recall, history, typing) on this client. */
    public Messages messages() {
        return new Messages(this);
    }

    /**
     * Sends one request: {@code body} is copied, given a fresh id, and sent; the future completes
     * with the response of the same id, whatever its body. An {@code Error} response, no response
     * within the request timeout, or a lost connection complete it exceptionally with
     * {@link MagpieClientException}. This is the building block of the feature facades.
     */
    public CompletableFuture<Frame> request(Frame.Builder body) {
        Connection conn = connection;
        if (conn == null || state.get() != ConnectionState.ONLINE) {
            return CompletableFuture.failedFuture(new MagpieConnectionException(
                    "not connected to " + server() + " (state " + state.get() + ")"));
        }
        return conn.request(body, config.requestTimeout);
    }

    /** Like {@link #request(Frame.Builder)}, and fails unless the response's body is {@code expected}. */
    public CompletableFuture<Frame> request(Frame.Builder body, Frame.BodyCase expected) {
        return checked(request(body), expected, body.getBodyCase().name());
    }

    private static CompletableFuture<Frame> checked(CompletableFuture<Frame> response, Frame.BodyCase expected,
                                                    String what) {
        return response.thenApply(frame -> {
            if (frame.getBodyCase() != expected) {
                throw WireErrors.local(ErrorCode.INTERNAL, "the server answered " + what
                        + " with " + frame.getBodyCase() + " instead of " + expected);
            }
            return frame;
        });
    }

    private static Throwable unwrapCompletion(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Closes the connection (reporting OFFLINE) and releases the client's threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Connection conn = connection;
        if (conn != null) {
            conn.close(null);
            if (!conn.channel().eventLoop().inEventLoop()) {
                conn.channel().closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        }
        wentOffline(null);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        events.close();
    }

    private static ServerInfo serverInfo(HelloOk ok) {
        return new ServerInfo(ok.getMajor(), ok.getMinor(), ok.getServerName(), ok.getNodeId(),
                ok.getMaxFrameBytes(), ok.getHeartbeatIntervalSeconds());
    }
}
