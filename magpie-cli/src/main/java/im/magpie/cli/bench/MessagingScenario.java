package im.magpie.cli.bench;

import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Error;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendAck;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The message-sending part shared by {@code direct}, {@code group} and {@code mixed}: senders
 * (each with one outgoing stream into one conversation), an open loop at a total offered rate with
 * latency from the intended send time, or a closed loop with a window of unacknowledged messages
 * per sender; then a drain, and the account of every message.
 */
public abstract class MessagingScenario extends Scenario implements SimListener {
    /** A sender's target conversation and how many receivers each of its messages has. */
    public record Stream(Peer to, int receivers) {}

    protected final MessagingOptions msg;
    protected final String padding;
    /** Senders of this process, by event loop. */
    protected final List<List<SimConnection>> sendersByLoop = new ArrayList<>();
    /** Receivers of this process (for the account). */
    protected final List<SimConnection> receivers = new ArrayList<>();

    private volatile String run = "none";
    private volatile long measureFromNanos;
    private volatile long measureToNanos;
    private volatile boolean closedLoop;
    private volatile boolean stopped;

    protected MessagingScenario(String name, LoadOptions load, MessagingOptions msg, PrintStream progress) {
        super(name, load, progress);
        this.msg = msg;
        this.padding = "x".repeat(msg.messageBytes);
        for (int i = 0; i < driver.loops().size(); i++) sendersByLoop.add(new ArrayList<>());
    }

    /** Senders in all processes together (the offered rate is split by share). */
    protected abstract int totalSenders();

    protected void addSender(SimConnection c, Peer to, int receiversPerMessage) {
        c.attachment = new Stream(to, receiversPerMessage);
        sendersByLoop.get(loopIndexOf(c.loop())).add(c);
    }

    protected int localSenders() {
        int n = 0;
        for (List<SimConnection> l : sendersByLoop) n += l.size();
        return n;
    }

    @Override
    public int phases() {
        return msg.isClosedLoop() ? 1 : msg.rates().size();
    }

    @Override
    public String phaseLabel(int phase) {
        return msg.isClosedLoop() ? "window " + msg.window : String.format("%.0f msg/s", msg.rates().get(phase));
    }

    @Override
    public PhaseResult runPhase(int phase) throws Exception {
        String thisRun = MessageStamp.newRunId();
        onEveryLoop(i -> {
            loopStats.get(i).resetWindow();
            for (SimConnection c : sendersByLoop.get(i)) c.resetStreams();
        });
        for (SimConnection c : receivers) c.loop().submit(c::resetStreams).sync();
        run = thisRun;
        stopped = false;
        closedLoop = msg.isClosedLoop();
        long warmupNanos = (long) (msg.warmupSeconds * 1e9);
        long durationNanos = (long) (msg.durationSeconds * 1e9);
        long start = System.nanoTime() + 50_000_000;
        measureFromNanos = start + warmupNanos;
        measureToNanos = measureFromNanos + durationNanos;
        double offered = msg.isClosedLoop() ? 0 : msg.rates().get(phase);
        double localRate = offered * localSenders() / Math.max(1, totalSenders());

        Progress.Ticker ticker = Progress.every(progress, 1000, () -> {
            long now = System.nanoTime();
            String when = now < measureFromNanos ? "warm-up" : now < measureToNanos ? "measuring" : "draining";
            return tag + name + " " + phaseLabel(phase) + " " + when + ": sent " + sumSent() + ", acked " + sum(s -> s.acks)
                    + ", delivered " + sum(s -> s.arrivals) + ", refused " + sum(s -> s.errors);
        });
        try {
            if (msg.isClosedLoop()) {
                runClosedLoop(start);
            } else {
                runOpenLoop(start, localRate, warmupNanos + durationNanos);
            }
            stopped = true;
            drain();
        } finally {
            stopped = true;
            ticker.stop();
        }
        return result(phase, offered);
    }

    private long sumSent() {
        long n = 0;
        for (List<SimConnection> l : sendersByLoop) for (SimConnection c : l) n += c.sent();
        return n;
    }

    private void runOpenLoop(long start, double localRate, long totalNanos) throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        int local = localSenders();
        for (int i = 0; i < sendersByLoop.size(); i++) {
            List<SimConnection> senders = sendersByLoop.get(i);
            if (senders.isEmpty() || local == 0) continue;
            double rate = localRate * senders.size() / local;
            long limit = Math.round(rate * totalNanos / 1e9);
            if (limit == 0) continue;
            LoopSender sender = new LoopSender(senders, new OpenLoopSchedule(start, rate, limit));
            done.add(sender.done);
            sender.future = driver.loops().get(i).scheduleAtFixedRate(sender,
                    Math.max(0, start - System.nanoTime()), 1_000_000, TimeUnit.NANOSECONDS);
        }
        long hardStop = totalNanos + TimeUnit.SECONDS.toNanos(msg.drainSeconds);
        CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(hardStop, TimeUnit.NANOSECONDS);
    }

    /** Sends its loop's share of the schedule, round robin over its senders, flushing once per tick. */
    private final class LoopSender implements Runnable {
        final List<SimConnection> senders;
        final OpenLoopSchedule schedule;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final boolean[] dirty;
        ScheduledFuture<?> future;
        long next;

        LoopSender(List<SimConnection> senders, OpenLoopSchedule schedule) {
            this.senders = senders;
            this.schedule = schedule;
            this.dirty = new boolean[senders.size()];
        }

        @Override
        public void run() {
            long due = schedule.dueBy(System.nanoTime());
            int n = senders.size();
            String r = run;
            while (next < due) {
                int i = (int) (next % n);
                SimConnection c = senders.get(i);
                if (c.isActive()) {
                    c.sendMessage(r, ((Stream) c.attachment).to(), schedule.intendedNanos(next), padding);
                    dirty[i] = true;
                } else {
                    c.stats().skipped++;
                }
                next++;
            }
            for (int i = 0; i < n; i++) {
                if (dirty[i]) {
                    senders.get(i).flush();
                    dirty[i] = false;
                }
            }
            if (next >= schedule.limit()) {
                if (future != null) future.cancel(false);
                done.complete(null);
            }
        }
    }

    private void runClosedLoop(long start) throws Exception {
        Thread.sleep(Math.max(0, (start - System.nanoTime()) / 1_000_000));
        String r = run;
        onEveryLoop(i -> {
            for (SimConnection c : sendersByLoop.get(i)) {
                if (!c.isActive()) continue;
                for (int w = 0; w < msg.window; w++) c.sendMessage(r, ((Stream) c.attachment).to(), System.nanoTime(), padding);
                c.flush();
            }
        });
        long left = measureToNanos - System.nanoTime();
        if (left > 0) TimeUnit.NANOSECONDS.sleep(left);
    }

    private void sendNextInWindow(SimConnection c, long now) {
        if (!closedLoop || stopped || now >= measureToNanos || !(c.attachment instanceof Stream s)) return;
        c.sendMessage(run, s.to(), now, padding);
        c.flush();
    }

    /** Waits until every message not refused has arrived at every receiver, or the drain timeout. */
    private void drain() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(msg.drainSeconds);
        while (System.nanoTime() < deadline) {
            onEveryLoop(i -> { });
            if (sum(s -> s.arrivals) >= expectedArrivals()) return;
            Thread.sleep(50);
        }
    }

    private long expectedArrivals() {
        long n = 0;
        for (List<SimConnection> l : sendersByLoop) {
            for (SimConnection c : l) {
                n += (c.sent() - c.refused().cardinality()) * (long) ((Stream) c.attachment).receivers();
            }
        }
        return n;
    }

    /** The account of every message: each receiver's ledger of each stream against its sender's side. */
    protected StreamLedger.Account account() throws Exception {
        onEveryLoop(i -> { });
        Map<Long, SimConnection> sendersById = new LinkedHashMap<>();
        for (List<SimConnection> l : sendersByLoop) for (SimConnection c : l) sendersById.put(c.userId(), c);
        StreamLedger.Account total = StreamLedger.Account.ZERO;
        Map<SimConnection, Integer> streamsSeen = new LinkedHashMap<>();
        for (SimConnection r : receivers) {
            for (var e : r.incoming().entrySet()) {
                SimConnection sender = sendersById.get(e.getKey().senderId());
                long sent = sender == null ? 0 : sender.sent();
                java.util.BitSet refused = sender == null ? new java.util.BitSet() : sender.refused();
                total = total.plus(e.getValue().account(sent, refused));
                if (sender != null) streamsSeen.merge(sender, 1, Integer::sum);
            }
        }
        // A receiver that got nothing at all from a sender has no ledger: all of it is lost.
        for (SimConnection sender : sendersById.values()) {
            int expected = ((Stream) sender.attachment).receivers();
            int seen = streamsSeen.getOrDefault(sender, 0);
            long notRefused = sender.sent() - sender.refused().cardinality();
            if (seen < expected) {
                total = total.plus(new StreamLedger.Account(sender.sent() * (expected - seen),
                        sender.refused().cardinality() * (long) (expected - seen), 0,
                        notRefused * (expected - seen), 0, 0, 0));
            }
        }
        return total;
    }

    private PhaseResult result(int phase, double offered) throws Exception {
        StreamLedger.Account account = account();
        Histogram latency = mergedLatency();
        double seconds = msg.durationSeconds;
        long ackedInWindow = sum(s -> s.ackedInWindow);
        long deliveredInWindow = sum(s -> s.deliveredInWindow);
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("stale", sum(s -> s.stale));
        counters.put("skippedSends", sum(s -> s.skipped));
        counters.put("otherEvents", sum(s -> s.otherEvents));
        counters.put("senders", (long) localSenders());
        counters.put("receivers", (long) receivers.size());
        for (LoopStats s : loopStats) {
            s.errorsByCode.forEach((code, n) -> counters.merge("refused." + code, n, Long::sum));
        }
        extraCounters(counters);
        return new PhaseResult(name, phaseLabel(phase), procCount, offered, msg.isClosedLoop() ? msg.window : 0,
                msg.warmupSeconds, seconds, connectionCount(), connectFailures, loginStartEpochMs, loginEndEpochMs, 0,
                null, Histograms.Percentiles.of(latency), account, ackedInWindow, deliveredInWindow,
                ackedInWindow / seconds, deliveredInWindow / seconds, sum(s -> s.errors), counters, null,
                Histograms.encode(latency), null);
    }

    protected abstract int connectionCount();

    protected void extraCounters(Map<String, Long> counters) {}

    // --- SimListener: on the connection's event loop -------------------------------------------

    @Override
    public void onAck(SimConnection c, long requestId, SendAck ack, long now) {
        if (now >= measureFromNanos && now < measureToNanos) c.stats().ackedInWindow++;
        sendNextInWindow(c, now);
    }

    @Override
    public void onError(SimConnection c, long requestId, Error error, long now) {
        sendNextInWindow(c, now);
    }

    @Override
    public void onEvent(SimConnection c, InboxEvent event, long now) {
        LoopStats stats = c.stats();
        if (!event.hasMessage()) {
            stats.otherEvents++;
            return;
        }
        ChatMessage m = event.getMessage();
        if (m.getSenderId() == c.userId()) return; // our own message, echoed to this device
        MessageStamp stamp = MessageStamp.decode(m.getClientMsgId(), run);
        if (stamp == null) {
            stats.stale++;
            return;
        }
        SimConnection.StreamKey key = new SimConnection.StreamKey(m.getSenderId(), m.getTo().getGroupId());
        StreamLedger ledger = c.incoming().computeIfAbsent(key, k -> new StreamLedger());
        StreamLedger.Arrival arrival = ledger.arrived(stamp.seq(), Long.MAX_VALUE);
        if (arrival == StreamLedger.Arrival.FIRST || arrival == StreamLedger.Arrival.REORDERED) {
            stats.arrivals++;
            if (now >= measureFromNanos && now < measureToNanos) stats.deliveredInWindow++;
            long intended = stamp.intendedNanos();
            if (intended >= measureFromNanos && intended < measureToNanos) {
                stats.latency.recordValue(Math.min(OpenLoopSchedule.correctedLatencyNanos(intended, now) / 1000,
                        stats.latency.getHighestTrackableValue()));
            }
        }
    }
}
