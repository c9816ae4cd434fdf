package im.magpie.cli.bench;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.SetStatusRequest;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mixed}: a day in the life. Of N connected users (all with heartbeats), P pairs chat at a
 * total rate, X change presence every few seconds, Y drop their connection and come back with
 * their resume token every few seconds, and the rest are idle. Seeded users are taken in that
 * order: pairs first (they must be friends), then presence changers, reconnecters, idle.
 */
public final class MixedScenario extends MessagingScenario {
    private final int total;
    private final int pairs;
    private final int presence;
    private final int reconnecting;
    private final int presenceSeconds;
    private final int reconnectSeconds;
    private final List<Tokens.User> users;
    private final List<SimConnection> presenceUsers = new ArrayList<>();
    private final List<SimConnection> reconnectUsers = new ArrayList<>();
    private final AtomicLong presenceChanges = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong reconnectFailures = new AtomicLong();
    private volatile boolean running;
    private int connections;

    public MixedScenario(LoadOptions load, MessagingOptions msg, int total, int pairs, int presence, int reconnecting,
                         int presenceSeconds, int reconnectSeconds, List<Tokens.User> users, PrintStream progress) {
        super("mixed", load, msg, progress);
        if (2L * pairs + presence + reconnecting > total) {
            throw new IllegalArgumentException("--users must cover the pairs, presence changers and reconnecters");
        }
        if (total > users.size()) {
            throw new IllegalArgumentException("mixed needs " + total + " users but the tokens file has " + users.size());
        }
        this.total = total;
        this.pairs = pairs;
        this.presence = presence;
        this.reconnecting = reconnecting;
        this.presenceSeconds = presenceSeconds;
        this.reconnectSeconds = reconnectSeconds;
        this.users = users;
    }

    @Override
    protected int totalSenders() {
        return 2 * pairs;
    }

    @Override
    protected int connectionCount() {
        return connections;
    }

    @Override
    public void prepare() throws Exception {
        int loops = driver.loops().size();
        int[] pairSlice = LoadOptions.slice(pairs, procIndex, procCount);
        List<SimConnection> chat = connectAll(users.subList(2 * pairSlice[0], 2 * pairSlice[1]), i -> (i / 2) % loops,
                this, load.maxSeconds, "chatters");
        Map<Integer, SimConnection> byIndex = new HashMap<>();
        for (SimConnection c : chat) byIndex.put(c.user().index(), c);
        for (int p = pairSlice[0]; p < pairSlice[1]; p++) {
            SimConnection a = byIndex.get(2 * p);
            SimConnection b = byIndex.get(2 * p + 1);
            if (a == null || b == null) continue;
            addSender(a, Peer.newBuilder().setUserId(b.userId()).build(), 1);
            addSender(b, Peer.newBuilder().setUserId(a.userId()).build(), 1);
            receivers.add(a);
            receivers.add(b);
        }
        int failures = connectFailures;
        connections = chat.size();
        int base = 2 * pairs;
        int[] ps = LoadOptions.slice(presence, procIndex, procCount);
        presenceUsers.addAll(connectAll(users.subList(base + ps[0], base + ps[1]), i -> i % loops, SimListener.NONE,
                load.maxSeconds, "presence"));
        failures += connectFailures;
        base += presence;
        int[] rs = LoadOptions.slice(reconnecting, procIndex, procCount);
        reconnectUsers.addAll(connectAll(users.subList(base + rs[0], base + rs[1]), i -> i % loops, SimListener.NONE,
                load.maxSeconds, "reconnecters"));
        failures += connectFailures;
        base += reconnecting;
        int idle = total - base;
        int[] is = LoadOptions.slice(idle, procIndex, procCount);
        List<SimConnection> idlers = connectAll(users.subList(base + is[0], base + is[1]), i -> i % loops,
                SimListener.NONE, load.maxSeconds, "idle");
        failures += connectFailures;
        connectFailures = failures;
        connections += presenceUsers.size() + reconnectUsers.size() + idlers.size();
    }

    @Override
    public PhaseResult runPhase(int phase) throws Exception {
        running = true;
        List<ScheduledFuture<?>> timers = new ArrayList<>();
        for (SimConnection c : presenceUsers) {
            boolean[] away = {false};
            timers.add(c.loop().scheduleAtFixedRate(() -> {
                away[0] = !away[0];
                c.fireAndForget(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder()
                        .setStatus(away[0] ? PresenceStatus.AWAY : PresenceStatus.ONLINE)));
                presenceChanges.incrementAndGet();
            }, jitter(presenceSeconds), presenceSeconds * 1000L, TimeUnit.MILLISECONDS));
        }
        for (int i = 0; i < reconnectUsers.size(); i++) {
            int slot = i;
            SimConnection first = reconnectUsers.get(i);
            timers.add(first.loop().scheduleAtFixedRate(() -> reconnect(slot), jitter(reconnectSeconds),
                    reconnectSeconds * 1000L, TimeUnit.MILLISECONDS));
        }
        try {
            return super.runPhase(phase);
        } finally {
            running = false;
            for (ScheduledFuture<?> t : timers) t.cancel(false);
        }
    }

    private static long jitter(int seconds) {
        return ThreadLocalRandom.current().nextLong(seconds * 1000L);
    }

    /** On the slot's loop: drop the connection, then log in again with the token; time the way back. */
    private void reconnect(int slot) {
        SimConnection old = reconnectUsers.get(slot);
        if (!running || old.channel() == null || !old.isActive()) return;
        long start = System.nanoTime();
        old.channel().close().addListener(closed -> {
            if (!running) return;
            driver.connect(slot, old.user(), old.loop(), old.stats(), SimListener.NONE, true).whenComplete((c, e) -> {
                if (e != null) {
                    reconnectFailures.incrementAndGet();
                    return;
                }
                synchronized (reconnectUsers) {
                    reconnectUsers.set(slot, c);
                }
                reconnects.incrementAndGet();
                c.stats().reconnectLatency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            });
        });
    }

    @Override
    protected void extraCounters(Map<String, Long> counters) {
        counters.put("presenceChanges", presenceChanges.get());
        counters.put("reconnects", reconnects.get());
        counters.put("reconnectFailures", reconnectFailures.get());
        var h = LoopStats.newHistogram();
        for (LoopStats s : loopStats) h.add(s.reconnectLatency);
        var p = Histograms.Percentiles.of(h);
        counters.put("reconnectP50Micros", p.p50());
        counters.put("reconnectP99Micros", p.p99());
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("users", total);
        s.put("pairs", pairs);
        s.put("presenceChangers", presence);
        s.put("presenceSeconds", presenceSeconds);
        s.put("reconnecters", reconnecting);
        s.put("reconnectSeconds", reconnectSeconds);
        return s;
    }
}
