package im.magpie.server;

import im.magpie.server.cluster.ClusterListener;
import im.magpie.server.cluster.ClusterSettings;
import im.magpie.server.account.LocalThrottleCounters;
import im.magpie.server.account.LoginThrottle;
import im.magpie.server.account.ThrottleCounters;
import im.magpie.server.cluster.redis.RedisRouter;
import im.magpie.server.cluster.redis.RedisThrottleCounters;
import im.magpie.server.social.ChosenStatuses;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.config.Settings;
import im.magpie.server.session.SessionRegistry;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's part of the composition root: joins Redis when {@code --cluster} is given, and
 * connects what the other nodes say to the node-local state of the features (presence, group
 * member watches, the inbox's latest sequences). Without {@code --cluster} none of this runs.
 */
final class ClusterWiring {
    private static final Logger log = LoggerFactory.getLogger(ClusterWiring.class);

    private ClusterWiring() {}

    /** The Redis router if {@code --cluster} is set, registered as a session listener; else null. */
    static RedisRouter joinIfConfigured(Settings settings, SessionRegistry sessions) {
        String url = settings.get(ClusterSettings.CLUSTER);
        if (url == null || url.isBlank()) return null;
        String advertise = settings.get(ClusterSettings.ADVERTISE);
        if (advertise == null || advertise.isBlank()) {
            advertise = settings.get(CoreSettings.HOST) + ":" + settings.get(CoreSettings.PORT);
        }
        RedisRouter router = RedisRouter.start(sessions, settings.get(CoreSettings.NODE_ID), advertise, url,
                settings.get(ClusterSettings.CLUSTER_PREFIX), settings.get(ClusterSettings.CLUSTER_HEARTBEAT_SECONDS));
        sessions.addListener(router); // before presence: a logout's announcement sees the user's other nodes
        return router;
    }

    /**
     * What features take from the cluster at {@code install}: where login guesses are counted and
     * where chosen statuses are kept. In Redis with {@code --cluster}; in memory otherwise.
     */
    record Ports(ThrottleCounters throttleCounters, ChosenStatuses statuses) {}

    static Ports ports(Settings settings, RedisRouter router) {
        LoginThrottle.Policy policy = LoginThrottle.Policy.from(settings);
        if (router == null) return new Ports(new LocalThrottleCounters(policy), ChosenStatuses.inMemory());
        return new Ports(new RedisThrottleCounters(router, policy), router.statuses());
    }

    static void listen(RedisRouter router, Features features, Executor workers) {
        io.micrometer.core.instrument.Gauge.builder("magpie_cluster_pushes_dropped", router, r -> r.droppedPushes())
                .description("pushes not sent to another node because Redis was unavailable (their clients sync instead)")
                .register(features.ops().registry());
        io.micrometer.core.instrument.Gauge.builder("magpie_cluster_redis_up", router, r -> r.linkUp() ? 1 : 0)
                .description("1 while this node's last heartbeat reached Redis")
                .register(features.ops().registry());
        var presence = features.social().presence();
        var watch = features.groups().watch();
        var inbox = features.inbox().inbox();
        var introductions = features.p2p().introductions();
        router.listen(new ClusterListener() {
            @Override
            public void offlineEverywhere(long userId, boolean announce) {
                presence.offlineEverywhere(userId, announce);
                watch.changed(userId);
            }

            @Override
            public void remoteChange(long userId) {
                watch.changed(userId);
            }

            @Override
            public void reannounce(long userId) {
                presence.reannounce(userId);
            }

            @Override
            public void remoteEvent(long userId, long seq) {
                inbox.raiseLatest(userId, seq);
            }

            @Override
            public void relayed(long userId, im.magpie.protocol.proto.Frame request) {
                if (request.hasAnswerDirect()) introductions.answerRelayed(userId, request.getAnswerDirect());
            }

            @Override
            public void whileDisconnected(Set<Long> localUsers) {
                try {
                    workers.execute(() -> inbox.refreshLatest(localUsers));
                } catch (RejectedExecutionException e) {
                    log.debug("not catching up: shutting down");
                }
            }
        });
    }
}
