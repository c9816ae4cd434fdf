package im.magpie.server.p2p;

import im.magpie.protocol.proto.AnswerDirectRequest;
import im.magpie.protocol.proto.DirectEndpoint;
import im.magpie.protocol.proto.DirectIntroduction;
import im.magpie.protocol.proto.DirectOffer;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.OpenDirectRequest;
import im.magpie.server.cluster.Router;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.session.Connection;
import im.magpie.server.social.SocialGraph;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Introductions for direct channels, and nothing else: caller A asks to meet friend B; the server
 * checks friendship and presence, pushes a {@link DirectOffer} (A's candidates, the address it sees
 * A connect from, A's certificate fingerprint) to B's devices, and answers A with the first
 * device's {@link AnswerDirectRequest} (B's candidates, observed address, fingerprint). Channel
 * traffic never passes through here.
 *
 * <p>Bounds: {@link #MAX_PENDING_PER_CALLER} unanswered introductions per caller,
 * {@link #MAX_PENDING} in all; each waits at most the configured timeout. Thread-safe.
 */
public final class DirectIntroductions {
    static final int MAX_PENDING_PER_CALLER = 4;
    static final int MAX_PENDING = 10_000;

    private record Pending(long introId, long callerId, long calleeId, CompletableFuture<DirectIntroduction> result) {}

    private final boolean enabled;
    private final SocialGraph graph;
    private final Router router;
    private final Executor workers;
    private final long timeoutMillis;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> perCaller = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);
    private final AtomicLong introduced = new AtomicLong();

    DirectIntroductions(boolean enabled, SocialGraph graph, Router router, Executor workers, long timeoutMillis) {
        this.enabled = enabled;
        this.graph = graph;
        this.router = router;
        this.workers = workers;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Checks on the event loop what needs no database, then friendship on a worker; completes with
     * the callee's endpoint, or with the typed reason there is none.
     */
    public CompletableFuture<DirectIntroduction> open(long callerId, Connection origin, OpenDirectRequest req) {
        if (!enabled) throw MagpieException.forbidden("p2p.disabled");
        long calleeId = req.getUserId();
        if (calleeId == 0 || calleeId == callerId) throw MagpieException.badRequest("p2p.peer.bad");
        DirectEndpoint offered = EndpointCheck.withObserved(EndpointCheck.checked(req.getEndpoint()), origin.remoteHost());
        return CompletableFuture.supplyAsync(() -> {
            if (!graph.areFriends(callerId, calleeId) || graph.eitherBlocks(callerId, calleeId)) {
                throw MagpieException.forbidden("p2p.not_friends");
            }
            if (!router.isOnline(calleeId)) throw MagpieException.notFound("p2p.not_online");
            return null;
        }, workers).thenCompose(ignored -> offer(callerId, calleeId, offered, origin.channel().eventLoop()));
    }

    private CompletableFuture<DirectIntroduction> offer(long callerId, long calleeId, DirectEndpoint offered,
                                                        ScheduledExecutorService timer) {
        AtomicInteger mine = perCaller.computeIfAbsent(callerId, id -> new AtomicInteger());
        if (mine.incrementAndGet() > MAX_PENDING_PER_CALLER || pending.size() >= MAX_PENDING) {
            release(callerId, mine);
            throw MagpieException.rateLimited(1, "p2p.too_many");
        }
        Pending p = new Pending(ids.incrementAndGet(), callerId, calleeId, new CompletableFuture<>());
        pending.put(p.introId(), p);
        p.result().whenComplete((ok, e) -> {
            pending.remove(p.introId(), p);
            release(callerId, mine);
        });
        timer.schedule(() -> p.result().completeExceptionally(MagpieException.unavailable("p2p.no_answer")),
                timeoutMillis, TimeUnit.MILLISECONDS);
        router.push(calleeId, Frame.newBuilder().setDirectOffer(DirectOffer.newBuilder()
                .setIntroId(p.introId()).setFromUserId(callerId).setEndpoint(offered)).build());
        return p.result();
    }

    private void release(long callerId, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) perCaller.remove(callerId, count);
    }

    /** The callee's answer: the first device to answer takes the introduction; later ones find it gone. */
    public void answer(long calleeId, Connection origin, AnswerDirectRequest req) {
        Pending p = pending.get(req.getIntroId());
        if (p == null || p.calleeId() != calleeId) throw MagpieException.notFound("p2p.intro.unknown");
        if (!req.getAccept()) {
            if (!p.result().completeExceptionally(MagpieException.conflict("p2p.declined"))) {
                throw MagpieException.notFound("p2p.intro.unknown");
            }
            return;
        }
        DirectEndpoint answered = EndpointCheck.withObserved(EndpointCheck.checked(req.getEndpoint()), origin.remoteHost());
        boolean first = p.result().complete(DirectIntroduction.newBuilder()
                .setUserId(calleeId).setIntroId(p.introId()).setEndpoint(answered).build());
        if (!first) throw MagpieException.notFound("p2p.intro.unknown");
        introduced.incrementAndGet();
    }

    /** Introductions completed since start (for tests and metrics). */
    public long introduced() {
        return introduced.get();
    }
}
