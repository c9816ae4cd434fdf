package im.magpie.server;

import im.magpie.protocol.ProtocolVersion;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GoingAway;
import im.magpie.protocol.proto.HelloOk;
import im.magpie.server.account.AccountFeature;
import im.magpie.server.file.FileFeature;
import im.magpie.server.group.GroupFeature;
import im.magpie.server.inbox.InboxFeature;
import im.magpie.server.ops.OpsFeature;
import im.magpie.server.message.MessageFeature;
import im.magpie.server.p2p.P2pFeature;
import im.magpie.server.social.SocialFeature;
import im.magpie.server.cluster.LocalRouter;
import im.magpie.server.cluster.redis.RedisRouter;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.config.Settings;
import im.magpie.server.discovery.DiscoveryFeature;
import im.magpie.server.discovery.DiscoveryResponder;
import im.magpie.server.dispatch.Dispatcher;
import im.magpie.server.dispatch.Routes;
import im.magpie.server.dispatch.ServerText;
import im.magpie.server.session.CloseReason;
import im.magpie.server.session.Connection;
import im.magpie.server.session.SessionRegistry;
import im.magpie.server.store.Database;
import im.magpie.server.store.IdGenerator;
import im.magpie.server.transport.ConnectionLimits;
import im.magpie.server.transport.ServerTransport;
import im.magpie.server.transport.TlsContexts;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.netty.channel.ChannelFuture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Magpie server: {@link #start(Settings)} opens the database, assembles the features and
 * listens; {@link #close()} shuts down gracefully (stop accepting, tell clients, finish requests in
 * flight, close the database). This is the composition root: one line per feature, in dependency
 * order, each feature's {@code install} building its own parts.
 */
public final class MagpieServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MagpieServer.class);

    private final ServerContext context;
    private final Features features;
    private final ServerTransport transport;
    private final RedisRouter cluster; // null on a single node
    private final Optional<DiscoveryResponder> discovery;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MagpieServer(ServerContext context, Features features, ServerTransport transport, RedisRouter cluster,
                         Optional<DiscoveryResponder> discovery) {
        this.context = context;
        this.features = features;
        this.transport = transport;
        this.cluster = cluster;
        this.discovery = discovery;
    }

    public static MagpieServer start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    public static MagpieServer start(Settings settings, Clock clock) {
        long startedNanos = System.nanoTime();
        Path dataDir = Path.of(settings.get(CoreSettings.DATA_DIR)).toAbsolutePath().normalize();
        createDirectories(dataDir);
        String dbUrl = settings.get(CoreSettings.DB);
        Database database = Database.open(dbUrl == null ? Database.embeddedUrl(dataDir) : dbUrl,
                settings.get(CoreSettings.DB_USER), settings.get(CoreSettings.DB_PASSWORD),
                settings.get(CoreSettings.DB_POOL_SIZE), settings.get(CoreSettings.DB_CONNECTION_TIMEOUT_MS),
                settings.get(CoreSettings.DB_RETRY_AFTER_SECONDS));
        ExecutorService workers = null;
        ExecutorService hashing = null;
        Features features = null;
        RedisRouter cluster = null;
        try {
            workers = pool("magpie-worker", settings.get(CoreSettings.WORKER_THREADS), new LinkedBlockingQueue<>());
            hashing = pool("magpie-hash", settings.get(im.magpie.server.account.AccountSettings.HASHING_THREADS),
                    new ArrayBlockingQueue<>(settings.get(im.magpie.server.account.AccountSettings.HASHING_QUEUE)));
            SessionRegistry sessions = new SessionRegistry();
            Routes routes = new Routes();
            PingHandler pings = new PingHandler(clock);
            pings.register(routes);
            cluster = ClusterWiring.joinIfConfigured(settings, sessions);
            ServerContext ctx = new ServerContext(settings, dataDir, clock,
                    new IdGenerator(clock, settings.get(CoreSettings.NODE_ID)), database, sessions,
                    cluster != null ? cluster : new LocalRouter(sessions, settings.get(CoreSettings.NODE_ID)), routes, workers, hashing, pings);

            features = assemble(ctx, ClusterWiring.ports(settings, cluster));

            SslContext ssl = settings.get(CoreSettings.TLS)
                    ? TlsContexts.forServer(dataDir, settings.get(CoreSettings.TLS_CERT), settings.get(CoreSettings.TLS_KEY))
                    : null;
            HelloOk helloOk = HelloOk.newBuilder()
                    .setMajor(ProtocolVersion.MAJOR).setMinor(ProtocolVersion.MINOR)
                    .setServerName(settings.get(CoreSettings.SERVER_NAME))
                    .setMaxFrameBytes(settings.get(CoreSettings.MAX_FRAME_BYTES))
                    .setHeartbeatIntervalSeconds(settings.get(CoreSettings.HEARTBEAT_SECONDS))
                    .setNodeId(Integer.toString(settings.get(CoreSettings.NODE_ID)))
                    .build();
            ServerTransport transport = new ServerTransport(new ServerTransport.Options(
                    settings.get(CoreSettings.HOST), settings.get(CoreSettings.PORT), ssl,
                    settings.get(CoreSettings.MAX_FRAME_BYTES), settings.get(CoreSettings.HEARTBEAT_SECONDS),
                    settings.get(CoreSettings.MAX_OUTBOUND_BYTES), settings.get(CoreSettings.MAX_PENDING_REQUESTS),
                    ConnectionLimits.from(settings, settings.get(CoreSettings.MAX_FRAME_BYTES))),
                    new Dispatcher(routes, () -> helloOk, database.health()), sessions, workers);
            io.micrometer.core.instrument.Gauge.builder("magpie.prelogin.buffered.bytes", transport,
                            ServerTransport::preLoginBufferedBytes)
                    .description("bytes reserved for frames still arriving on connections not logged in (pre-login-buffer-bytes bounds them)")
                    .register(features.ops().registry());
            if (cluster != null) ClusterWiring.listen(cluster, features, workers);
            Optional<DiscoveryResponder> discovery;
            try {
                discovery = DiscoveryFeature.start(settings, dataDir, transport.port(), clock);
            } catch (RuntimeException e) {
                transport.close();
                throw e;
            }
            log.info("Magpie ready on port {} in {} ms (data: {})", transport.port(),
                    (System.nanoTime() - startedNanos) / 1_000_000, dataDir);
            return new MagpieServer(ctx, features, transport, cluster, discovery);
        } catch (RuntimeException e) {
            if (cluster != null) cluster.close();
            if (features != null) features.ops().close();
            if (workers != null) workers.shutdownNow();
            if (hashing != null) hashing.shutdownNow();
            database.close();
            throw e;
        }
    }

    /** The features, in dependency order. Each returns what later features need. */
    private static Features assemble(ServerContext ctx, ClusterWiring.Ports shared) {
        OpsFeature ops = OpsFeature.install(ctx);
        AccountFeature accounts = AccountFeature.install(ctx, shared.throttleCounters());
        InboxFeature inbox = InboxFeature.install(ctx, accounts);
        SocialFeature social = SocialFeature.install(ctx, accounts, inbox, shared.statuses());
        GroupFeature groups = GroupFeature.install(ctx, accounts, inbox, social);
        MessageFeature messages = MessageFeature.install(ctx, inbox, social, groups.directory());
        messages.bindMetrics(ops.registry());
        FileFeature files = FileFeature.install(ctx, inbox, social, groups.directory());
        connect(social, groups);
        P2pFeature p2p = P2pFeature.install(ctx, social);
        return new Features(ops, accounts, inbox, social, groups, messages, files, p2p);
    }

    /**
     * Profiles for fellow group members: members see each other's avatars. (Their presence comes
     * from the social feature already: see GroupFeature.)
     */
    private static void connect(SocialFeature social, GroupFeature groups) {
        social.profiles().alsoShowAvatarsWhen((viewer, owner) ->
                groups.service().coMembers(viewer).values().stream().anyMatch(members -> members.contains(owner)));
    }

    public int port() {
        return transport.port();
    }

    /** The UDP port of the LAN discovery responder, if it runs. */
    public Optional<Integer> discoveryPort() {
        return discovery.map(DiscoveryResponder::port);
    }

    public ServerContext context() {
        return context;
    }

    /** The listener (for tests and metrics: what unauthenticated connections buffer). */
    public ServerTransport transport() {
        return transport;
    }

    public Features features() {
        return features;
    }

    /**
     * Graceful shutdown: stop accepting, tell every client the server is going away (they may
     * reconnect later), let requests in flight finish within the grace period, close connections
     * and the database. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        log.info("shutting down");
        transport.stopAccepting();
        discovery.ifPresent(DiscoveryResponder::close);
        List<ChannelFuture> notices = new ArrayList<>();
        for (Connection c : context.sessions().allConnections()) {
            notices.add(c.sendTracked(Frame.newBuilder().setGoingAway(GoingAway.newBuilder()
                    .setReason(ServerText.render("core.shutdown", c.locale())).setReconnect(true)).build()));
        }
        int grace = context.settings().get(CoreSettings.SHUTDOWN_GRACE_SECONDS);
        awaitQuiet(context.hashing(), grace);
        awaitQuiet(context.workers(), grace);
        features.files().close();
        features.messages().close(); // writes the sends still queued, before the database closes
        long noticeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1); // let the notices leave, briefly
        for (ChannelFuture notice : notices) {
            notice.awaitUninterruptibly(Math.max(0, noticeDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        for (Connection c : context.sessions().allConnections()) c.close(CloseReason.of(CloseReason.Kind.SERVER_SHUTDOWN));
        transport.close();
        if (cluster != null) cluster.close();
        features.ops().close();
        context.database().close();
        log.info("stopped");
    }

    private static void awaitQuiet(ExecutorService pool, int graceSeconds) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(graceSeconds, TimeUnit.SECONDS)) {
                log.warn("requests still running after {} s; stopping them", graceSeconds);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    private static ExecutorService pool(String name, int threads, java.util.concurrent.BlockingQueue<Runnable> queue) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue, factory);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

}
