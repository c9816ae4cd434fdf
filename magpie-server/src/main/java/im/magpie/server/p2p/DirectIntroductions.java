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
 * <p>Several nodes: an introduction waits on the caller's node, whose id is in the top bits of
 * the introduction id ({@link #nodeOf}); an answer made on another node is checked there and
 * relayed to it ({@link Router#relay}, then {@link #answerRelayed}). Such an answer is acknowledged
 * at once: whether it came first is decided on the caller's node, and a late one is dropped there.
 *
 * <p>Bounds: {@link #MAX_PENDING_PER_CALLER} unanswered introductions per caller,
 * {@link #MAX_PENDING} in all; each waits at most the configured timeout. Thread-safe.
 */
public final class DirectIntroductions {
    static final int MAX_PENDING_PER_CALLER = 4;
    static final int MAX_PENDING = 10_000;
    /** An introduction id: the node id above these bits, a counter below. */
    private static final int COUNTER_BITS = 40;
    private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;

    private record Pending(long introId, long callerId, long calleeId, CompletableFuture<DirectIntroduction> result) {}

    private final boolean enabled;
    private final int nodeId;
    private final SocialGraph graph;
    private final Router router;
    private final Executor workers;
    private final long timeoutMillis;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> perCaller = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL); // counter part of the ids
    private final AtomicLong introduced = new AtomicLong();

    DirectIntroductions(boolean enabled, int nodeId, SocialGraph graph, Router router, Executor workers, long timeoutMillis) {
        this.enabled = enabled;
        this.nodeId = nodeId;
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
        long introId = ((long) nodeId << COUNTER_BITS) | (ids.incrementAndGet() & COUNTER_MASK);
        Pending p = new Pending(introId, callerId, calleeId, new CompletableFuture<>());
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

    /**
     * The callee's answer: the first device to answer takes the introduction; later ones find it
     * gone. An answer to an introduction waiting on another node is checked here and relayed there.
     */
    public void answer(long calleeId, Connection origin, AnswerDirectRequest req) {
        DirectEndpoint answered = req.getAccept()
                ? EndpointCheck.withObserved(EndpointCheck.checked(req.getEndpoint()), origin.remoteHost())
                : DirectEndpoint.getDefaultInstance();
        int node = nodeOf(req.getIntroId());
        if (node != nodeId) {
            AnswerDirectRequest checked = req.toBuilder().setEndpoint(answered).build();
            if (!router.relay(node, calleeId, Frame.newBuilder().setAnswerDirect(checked).build())) {
                throw MagpieException.notFound("p2p.intro.unknown");
            }
            return;
        }
        if (!complete(calleeId, req.getIntroId(), req.getAccept(), answered)) throw MagpieException.notFound("p2p.intro.unknown");
    }

    /** An answer made on another node (already checked there) to an introduction waiting here; a late one is dropped. */
    public void answerRelayed(long calleeId, AnswerDirectRequest checked) {
        if (nodeOf(checked.getIntroId()) != nodeId) return;
        complete(calleeId, checked.getIntroId(), checked.getAccept(), checked.getEndpoint());
    }

    /** True if this answer was the one that decided the introduction. */
    private boolean complete(long calleeId, long introId, boolean accept, DirectEndpoint answered) {
        Pending p = pending.get(introId);
        if (p == null || p.calleeId() != calleeId) return false;
        if (!accept) return p.result().completeExceptionally(MagpieException.conflict("p2p.declined"));
        boolean first = p.result().complete(DirectIntroduction.newBuilder()
                .setUserId(calleeId).setIntroId(p.introId()).setEndpoint(answered).build());
        if (first) introduced.incrementAndGet();
        return first;
    }

    /** The node an introduction waits on (ids from clients are arbitrary: any value maps to some node). */
    static int nodeOf(long introId) {
        return (int) ((introId >>> COUNTER_BITS) & 0x3FF);
    }

    /** Introductions completed since start (for tests and metrics). */
    public long introduced() {
        return introduced.get();
    }
}
