package im.magpie.cli.bench;

import im.magpie.protocol.proto.Peer;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code direct}: P pairs of friends (seeded users 2i and 2i+1) send one-to-one messages to each
 * other, with I connected-but-idle users around them. Both users of a pair share an event loop and
 * a process, so one clock stamps and times each message.
 */
public final class DirectScenario extends MessagingScenario {
    private final int pairs;
    private final int idle;
    private final List<Tokens.User> users;
    private int connections;

    public DirectScenario(LoadOptions load, MessagingOptions msg, int pairs, int idle, List<Tokens.User> users,
                          PrintStream progress) {
        super("direct", load, msg, progress);
        if (2L * pairs + idle > users.size()) {
            throw new IllegalArgumentException("direct needs " + (2L * pairs + idle) + " users (" + pairs + " pairs + "
                    + idle + " idle) but the tokens file has " + users.size() + "; run `magpie bench setup --users N`");
        }
        this.pairs = pairs;
        this.idle = idle;
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
        int[] mine = LoadOptions.slice(pairs, procIndex, procCount);
        List<Tokens.User> chatters = users.subList(2 * mine[0], 2 * mine[1]);
        int loops = driver.loops().size();
        List<SimConnection> connected = connectAll(chatters, i -> (i / 2) % loops, this, load.maxSeconds, "chatters");
        Map<Integer, SimConnection> byIndex = new HashMap<>();
        for (SimConnection c : connected) byIndex.put(c.user().index(), c);
        for (int p = mine[0]; p < mine[1]; p++) {
            SimConnection a = byIndex.get(2 * p);
            SimConnection b = byIndex.get(2 * p + 1);
            if (a == null || b == null) continue; // half a pair: neither sends (counted as a connect failure)
            addSender(a, Peer.newBuilder().setUserId(b.userId()).build(), 1);
            addSender(b, Peer.newBuilder().setUserId(a.userId()).build(), 1);
            receivers.add(a);
            receivers.add(b);
        }
        int chatFailures = connectFailures;
        connections = connected.size();
        if (idle > 0) {
            int[] idleSlice = LoadOptions.slice(idle, procIndex, procCount);
            List<SimConnection> idlers = connectAll(users.subList(2 * pairs + idleSlice[0], 2 * pairs + idleSlice[1]),
                    i -> i % loops, SimListener.NONE, load.maxSeconds, "idle");
            connections += idlers.size();
            connectFailures += chatFailures;
        }
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("pairs", pairs);
        s.put("idle", idle);
        return s;
    }
}
