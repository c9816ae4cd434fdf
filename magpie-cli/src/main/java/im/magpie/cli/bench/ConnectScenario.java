package im.magpie.cli.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code connect}: C users connect and log in with their resume tokens (phase 1: login rate and
 * login latency; the parent reads the server's memory once they are all in), then stay connected
 * with heartbeats for a while (phase 2: how many are still up at the end). With several rounds,
 * every round but the last ends its hold phase by closing all connections and letting the server
 * log them out, and the next round logs the same users in again: the first round pays for the JIT
 * warm-up of the load processes (fresh JVMs) and of the server, the later ones do not.
 */
public final class ConnectScenario extends Scenario {
    private final int count;
    private final int holdSeconds;
    private final int rounds;
    private final List<Tokens.User> users;
    private List<SimConnection> connections = List.of();

    public ConnectScenario(LoadOptions load, int count, int holdSeconds, int rounds, List<Tokens.User> users, PrintStream progress) {
        super("connect", load, progress);
        if (count > users.size()) {
            throw new IllegalArgumentException("connect needs " + count + " users but the tokens file has " + users.size());
        }
        this.count = count;
        this.holdSeconds = holdSeconds;
        this.rounds = rounds;
        this.users = users;
    }

    private int phasesPerRound() {
        return holdSeconds > 0 ? 2 : 1;
    }

    @Override
    public void prepare() {}

    @Override
    public int phases() {
        return rounds * phasesPerRound();
    }

    @Override
    public String phaseLabel(int phase) {
        int round = phase / phasesPerRound();
        String label = phase % phasesPerRound() == 0 ? "login" : "hold " + holdSeconds + " s";
        return rounds == 1 ? label : label + " #" + (round + 1);
    }

    @Override
    public PhaseResult runPhase(int phase) throws Exception {
        String label = phaseLabel(phase);
        if (phase % phasesPerRound() == 0) {
            int[] mine = LoadOptions.slice(count, procIndex, procCount);
            int loops = driver.loops().size();
            onEveryLoop(i -> loopStats.get(i).loginLatency.reset()); // each round's logins on their own
            long start = System.nanoTime();
            connections = connectAll(users.subList(mine[0], mine[1]), i -> i % loops, SimListener.NONE,
                    load.maxSeconds, "connect");
            double seconds = Math.max(1e-3, (loginEndEpochMs - loginStartEpochMs) / 1000.0);
            var login = mergedLogin();
            return new PhaseResult(name, label, procCount, 0, 0, 0, (System.nanoTime() - start) / 1e9,
                    connections.size(), connectFailures, loginStartEpochMs, loginEndEpochMs,
                    connections.size() / seconds, Histograms.Percentiles.of(login), null, null, 0, 0, 0, 0, 0,
                    null, null, null, Histograms.encode(login));
        }
        onEveryLoop(i -> { });
        long pongsBefore = sum(s -> s.pongs); // this round's only
        Thread.sleep(holdSeconds * 1000L);
        onEveryLoop(i -> { });
        long alive = connections.stream().filter(SimConnection::isActive).count();
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("alive", alive);
        counters.put("dropped", connections.size() - alive);
        counters.put("pongs", sum(s -> s.pongs) - pongsBefore);
        if (phase < phases() - 1) logOutAll();
        return new PhaseResult(name, label, procCount, 0, 0, 0, holdSeconds, (int) alive, connectFailures,
                loginStartEpochMs, loginEndEpochMs, 0, null, null, null, 0, 0, 0, 0, 0, counters, null, null, null);
    }

    /** Between rounds: close every connection and give the server a moment to log them out. */
    private void logOutAll() throws InterruptedException {
        Driver.closeAll(connections, 30_000);
        connections = List.of();
        Thread.sleep(2_000);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("connections", count);
        s.put("holdSeconds", holdSeconds);
        s.put("rounds", rounds);
        return s;
    }

    @Override
    public void close() {
        Driver.closeAll(connections, 30_000);
        super.close();
    }
}
