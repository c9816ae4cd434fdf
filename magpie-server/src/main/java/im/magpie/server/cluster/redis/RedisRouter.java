package im.magpie.server.cluster.redis;

import im.magpie.protocol.proto.Frame;
import im.magpie.server.cluster.ClusterListener;
import im.magpie.server.cluster.LocalRouter;
import im.magpie.server.cluster.Router;
import im.magpie.server.session.Connection;
import im.magpie.server.session.DeviceRef;
import im.magpie.server.session.SessionListener;
import im.magpie.server.session.SessionRegistry;
import im.magpie.server.social.ChosenStatuses;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Router} of a node in a cluster: pushes go to the user's connections here and, through
 * Redis pub/sub, to the other nodes the user has devices on. Which users are on which node is in
 * Redis (layout: {@link RedisKeys}) and mirrored in memory ({@link RemoteDirectory}).
 *
 * <p>Liveness: every heartbeat refreshes this node's expiring entry; a node whose entry expired
 * (killed, or cut off from Redis) is reaped by one survivor, which tells the friends of its users
 * that they went offline. Redis unavailable: this node keeps serving its own users and storing
 * everything; pushes to other nodes are dropped (their clients sync from the inbox, see
 * {@link ClusterListener#whileDisconnected}); Lettuce reconnects by itself, and the first heartbeat
 * that gets through registers this node's users again and reloads the others'.
 *
 * <p>Delivery is best effort, as for {@link LocalRouter}: what must not be lost is in the inbox.
 * Thread-safe. Blocking Redis calls run on this router's own heartbeat thread only.
 */
public final class RedisRouter implements Router, SessionListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisRouter.class);

    /** The link to Redis as the heartbeat last found it. */
    private enum Link { UP, DOWN }

    /** The largest node id (ids are part of every id a node makes: see {@code IdGenerator}). */
    static final int MAX_NODE_ID = 1023;

    private final SessionRegistry sessions;
    private final LocalRouter local;
    private final int self;
    private final String advertise;
    private final RedisKeys keys;
    private final long heartbeatMillis;
    private final RemoteDirectory remote = new RemoteDirectory();
    private final RedisStatuses statuses;
    private final InboundEnvelopes inbound;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> redis;
    private final StatefulRedisPubSubConnection<byte[], byte[]> pubSub;
    private final ScheduledExecutorService beat;
    private final AtomicReference<Link> link = new AtomicReference<>(Link.UP);
    private final AtomicLong droppedPushes = new AtomicLong();
    private volatile ClusterListener listener = ClusterListener.NONE;
    private volatile Set<Long> usersOfPreviousRun = Set.of();
    private volatile boolean closing;
    private volatile boolean listening; // reaping waits until presence can be told

    private RedisRouter(SessionRegistry sessions, int self, String advertise, String redisUrl, String prefix, int heartbeatSeconds) {
        this.sessions = sessions;
        this.local = new LocalRouter(sessions, self);
        this.self = self;
        this.advertise = advertise;
        this.keys = new RedisKeys(prefix);
        this.heartbeatMillis = heartbeatSeconds * 1000L;
        this.statuses = new RedisStatuses(this, keys);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1)
                // Lettuce's default backoff grows to 30 s: after a long Redis restart a node could stay
                // deaf that long. At most 2 s between attempts costs a few connects a second in all.
                .reconnectDelay(io.lettuce.core.resource.Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, RedisURI.create(redisUrl));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // While Redis is away, fail at once rather than queue without bound: pushes are best effort.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "magpie-cluster");
            t.setDaemon(true);
            return t;
        });
        this.inbound = new InboundEnvelopes(self, sessions, local, remote, statuses, () -> listener,
                node -> beat.execute(() -> reloadNode(node)));
        try {
            this.redis = client.connect(ByteArrayCodec.INSTANCE);
            this.pubSub = client.connectPubSub(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            shutdownClient();
            throw new IllegalStateException(unreachable(redisUrl, e), e);
        }
    }

    /**
     * Why the node does not start: where it looked (host and port only: the URL may hold a
     * password), what Lettuce said, and what to do.
     */
    static String unreachable(String redisUrl, RuntimeException e) {
        RedisURI uri = RedisURI.create(redisUrl);
        String where = uri.getHost() != null ? uri.getHost() + ":" + uri.getPort()
                : uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort()).toList() + " (Sentinel)";
        return "cannot reach Redis at " + where + " given by --cluster (" + e.getMessage() + "). A node of a cluster "
                + "does not start without Redis: start Redis or correct --cluster, or leave --cluster out to run one node alone";
    }

    /**
     * Connects, subscribes and registers this node (its user list emptied: a node that restarts
     * after a crash has no users yet). Fails if Redis is unreachable now; later outages are survived.
     */
    public static RedisRouter start(SessionRegistry sessions, int nodeId, String advertise, String redisUrl, String prefix,
            int heartbeatSeconds) {
        RedisRouter router = new RedisRouter(sessions, nodeId, advertise, redisUrl, prefix, heartbeatSeconds);
        try {
            router.join();
        } catch (RuntimeException e) {
            router.close();
            throw new IllegalStateException("cannot join the cluster in Redis: " + e.getMessage(), e);
        }
        return router;
    }

    private void join() {
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                inbound.onMessage(message);
            }
        });
        pubSub.sync().subscribe(keys.toNode(self), keys.all());
        RedisCommands<byte[], byte[]> redis = this.redis.sync();
        statuses.load(redis); // after subscribing: no choice falls between the two
        Set<Long> previous = new HashSet<>();
        for (byte[] u : redis.smembers(keys.nodeUsers(self))) previous.add(RedisKeys.parse(u));
        usersOfPreviousRun = previous;
        redis.del(keys.nodeUsers(self));
        refreshOwnEntry(redis);
        redis.publish(keys.all(), Envelope.of(Envelope.Kind.NODE_SYNC, 0, self).encode());
        reloadDirectory(redis);
        // Keep the entry alive from now on: assembling the features may take longer than its expiry.
        beat.scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        log.info("node {} joined the cluster ({} other nodes have users online)", self, remote.knownNodes().size());
    }

    /**
     * Connects the node-local state that listens to the cluster (until then nothing is reaped); the
     * users this node had before a crash are announced offline now that presence can be told.
     */
    public void listen(ClusterListener listener) {
        beat.execute(() -> { // on the heartbeat thread, so it never runs beside a heartbeat
            this.listener = listener;
            for (long u : usersOfPreviousRun) {
                if (!isOnline(u)) listener.offlineEverywhere(u, true);
            }
            usersOfPreviousRun = Set.of();
            listening = true;
        });
    }

    @Override
    public void push(long userId, Frame push) {
        local.push(userId, push);
        forward(userId, push);
    }

    @Override
    public void pushExcept(long userId, Frame push, DeviceRef except) {
        if (except == null || except.nodeId() == self) {
            local.pushExcept(userId, push, except);
            forward(userId, push);
            return;
        }
        local.push(userId, push);
        Set<Integer> nodes = remote.nodesOf(userId);
        if (nodes.isEmpty()) return;
        byte[] frame = push.toByteArray();
        for (int node : nodes) {
            publish(keys.toNode(node), node == except.nodeId()
                    ? Envelope.pushExcept(userId, self, except.sessionId(), frame)
                    : new Envelope(Envelope.Kind.PUSH, userId, self, frame));
        }
    }

    @Override
    public DeviceRef device(Connection connection) {
        return local.device(connection);
    }

    @Override
    public boolean isOnline(long userId) {
        return sessions.isOnline(userId) || remote.isOnline(userId);
    }

    /** Users' chosen statuses, shared by every node through Redis (for presence). */
    public ChosenStatuses statuses() {
        return statuses;
    }

    /** This node's connection to Redis (for the shared state kept beside the directory). */
    StatefulRedisConnection<byte[], byte[]> connection() {
        return redis;
    }

    RedisKeys keys() {
        return keys;
    }

    /**
     * The user chose a status here (the protocol's PresenceStatus number): other nodes adopt it (so
     * an invisible user stays invisible in login answers there) and refresh their views.
     */
    void changed(long userId, int status) {
        publish(keys.all(), new Envelope(Envelope.Kind.CHANGED, userId, self, RedisKeys.bytes(Integer.toString(status))));
    }

    @Override
    public void disconnect(long userId, String sessionId) {
        local.disconnect(userId, sessionId);
        Envelope e = new Envelope(Envelope.Kind.DISCONNECT, userId, self, RedisKeys.bytes(sessionId));
        for (int node : remote.nodesOf(userId)) publish(keys.toNode(node), e);
    }

    @Override
    public boolean relay(int nodeId, long userId, Frame request) {
        if (nodeId == self || nodeId < 0 || nodeId > MAX_NODE_ID) return false;
        publish(keys.toNode(nodeId), new Envelope(Envelope.Kind.RELAY, userId, self, request.toByteArray()));
        return true;
    }

    /** Pushes not sent to another node because Redis was unavailable (for metrics and tests). */
    public long droppedPushes() {
        return droppedPushes.get();
    }

    public boolean linkUp() {
        return link.get() == Link.UP;
    }

    @Override
    public void loggedIn(Connection connection, boolean firstDevice) {
        if (!firstDevice) return;
        long u = connection.userId();
        if (linkUp()) quietly(() -> redis.async().sadd(keys.nodeUsers(self), RedisKeys.number(u)));
        publish(keys.all(), Envelope.of(Envelope.Kind.ONLINE, u, self));
    }

    @Override
    public void loggedOut(Connection connection, boolean lastDevice) {
        if (!lastDevice) return;
        long u = connection.userId();
        if (linkUp()) quietly(() -> redis.async().srem(keys.nodeUsers(self), RedisKeys.number(u)));
        publish(keys.all(), Envelope.of(Envelope.Kind.OFFLINE, u, self));
    }

    /** A fire-and-forget command; a lost one is repaired by the rejoin after an outage. */
    private static void quietly(Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            log.debug("Redis command not sent: {}", e.toString());
        }
    }

    private void forward(long userId, Frame push) {
        Set<Integer> nodes = remote.nodesOf(userId);
        if (nodes.isEmpty()) return;
        Envelope e = new Envelope(Envelope.Kind.PUSH, userId, self, push.toByteArray());
        for (int node : nodes) publish(keys.toNode(node), e);
    }

    private void publish(byte[] channel, Envelope e) {
        if (!linkUp()) {
            droppedPushes.incrementAndGet();
            return;
        }
        try {
            redis.async().publish(channel, e.encode()).exceptionally(t -> {
                droppedPushes.incrementAndGet();
                log.debug("publish to another node failed: {}", t.toString());
                return 0L;
            });
        } catch (RuntimeException ex) { // closed
            droppedPushes.incrementAndGet();
        }
    }

    private void heartbeat() {
        try {
            RedisCommands<byte[], byte[]> redis = this.redis.sync();
            boolean reaped = refreshOwnEntry(redis);
            if (link.get() == Link.DOWN || reaped) rejoin(redis);
            link.set(Link.UP);
            if (listening) reapDeadNodes(redis);
        } catch (RuntimeException e) {
            if (closing) return;
            if (link.getAndSet(Link.DOWN) == Link.UP) {
                log.warn("Redis unavailable ({}); serving this node's users alone until it is back", e.toString());
            }
            try {
                listener.whileDisconnected(localUsers());
            } catch (RuntimeException ex) {
                log.warn("catching up while Redis is away failed", ex);
            }
        }
    }

    /** Refreshes this node's entry; true if it had been reaped meanwhile (so its users must be registered again). */
    private boolean refreshOwnEntry(RedisCommands<byte[], byte[]> redis) {
        redis.set(keys.node(self), RedisKeys.bytes(advertise), SetArgs.Builder.px(3 * heartbeatMillis));
        boolean reaped = redis.sadd(keys.nodes(), RedisKeys.number(self)) == 1;
        redis.pexpire(keys.nodeUsers(self), 30 * heartbeatMillis);
        return reaped;
    }

    /** Back after an outage: this node's users again, the others' reloaded, friends told of both. */
    private void rejoin(RedisCommands<byte[], byte[]> redis) {
        Set<Long> mine = localUsers();
        redis.del(keys.reap(self)); // a later death of this node must be reaped again
        redis.del(keys.nodeUsers(self));
        if (!mine.isEmpty()) redis.sadd(keys.nodeUsers(self), mine.stream().map(RedisKeys::number).toArray(byte[][]::new));
        redis.pexpire(keys.nodeUsers(self), 30 * heartbeatMillis);
        redis.publish(keys.all(), Envelope.of(Envelope.Kind.NODE_SYNC, 0, self).encode());
        statuses.load(redis);
        Set<Long> gone = reloadDirectory(redis);
        for (long u : gone) {
            if (!isOnline(u)) listener.offlineEverywhere(u, true);
        }
        for (long u : mine) listener.reannounce(u);
        log.info("node {} is back in the cluster (Redis was unavailable, or it missed its heartbeats): {} users registered again",
                self, mine.size());
    }

    /** Reloads every live node's users; returns the users who are no longer anywhere else. */
    private Set<Long> reloadDirectory(RedisCommands<byte[], byte[]> redis) {
        Set<Integer> nodes = new HashSet<>(remote.knownNodes());
        for (byte[] n : redis.smembers(keys.nodes())) nodes.add((int) RedisKeys.parse(n));
        Set<Long> gone = new HashSet<>();
        for (int n : nodes) {
            if (n == self) continue;
            if (redis.exists(keys.node(n)) == 0) gone.addAll(remote.dropNode(n));
            else gone.addAll(remote.replaceNode(n, usersOf(redis, n)));
        }
        return gone;
    }

    private void reloadNode(int node) {
        try {
            for (long u : remote.replaceNode(node, usersOf(redis.sync(), node))) {
                if (!sessions.isOnline(u)) listener.offlineEverywhere(u, false);
            }
        } catch (RuntimeException e) {
            log.debug("reload of node {} failed (reloaded at the next heartbeat that reaches Redis): {}", node, e.toString());
        }
    }

    private Set<Long> usersOf(RedisCommands<byte[], byte[]> redis, int node) {
        Set<Long> users = new HashSet<>();
        for (byte[] u : redis.smembers(keys.nodeUsers(node))) users.add(RedisKeys.parse(u));
        return users;
    }

    /**
     * Nodes whose entry expired are dead: every node drops them from its directory; the one node
     * that wins the reap lock also deletes their user list and tells friends those users are offline.
     */
    private void reapDeadNodes(RedisCommands<byte[], byte[]> redis) {
        Set<Integer> nodes = new HashSet<>(remote.knownNodes());
        for (byte[] n : redis.smembers(keys.nodes())) nodes.add((int) RedisKeys.parse(n));
        for (int n : nodes) {
            if (n == self || redis.exists(keys.node(n)) > 0) continue;
            boolean reaper = "OK".equals(redis.set(keys.reap(n), RedisKeys.number(self),
                    SetArgs.Builder.nx().px(30 * heartbeatMillis)));
            Set<Long> lost = new HashSet<>(remote.dropNode(n));
            if (reaper) {
                lost.addAll(usersOf(redis, n));
                redis.del(keys.nodeUsers(n));
                redis.srem(keys.nodes(), RedisKeys.number(n));
                log.info("node {} is gone; {} of its users are offline", n, lost.size());
            }
            for (long u : lost) {
                if (!isOnline(u)) listener.offlineEverywhere(u, reaper);
            }
        }
    }

    private Set<Long> localUsers() {
        Set<Long> users = new HashSet<>();
        for (Connection c : sessions.allConnections()) {
            if (c.isAuthenticated()) users.add(c.userId());
        }
        return users;
    }

    /**
     * Leaves the cluster: this node's entry is deleted, so the next heartbeat of another node reaps
     * it (and tells friends its users are offline) at once rather than after the expiry.
     */
    @Override
    public void close() {
        closing = true;
        beat.shutdownNow();
        try {
            if (redis != null && linkUp()) redis.sync().del(keys.node(self));
        } catch (RuntimeException e) {
            log.debug("could not leave the cluster cleanly: {}", e.toString());
        }
        shutdownClient();
    }

    private void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
