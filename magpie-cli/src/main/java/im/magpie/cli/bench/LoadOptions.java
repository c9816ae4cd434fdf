package im.magpie.cli.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every load scenario shares: target, processes, limits, outputs. */
public final class LoadOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "server address (loopback unless --allow-remote)")
    String host;

    @Option(names = "--port", description = "server port (default 7878, or 5222 with --protocol xmpp)")
    Integer port;

    @Option(names = "--protocol", defaultValue = "magpie",
            description = "magpie, or xmpp: plain XMPP to a peer server (c2s without TLS, SASL PLAIN; `direct` and `connect` only)")
    String protocol;

    @Option(names = "--xmpp-domain", defaultValue = "localhost", description = "with --protocol xmpp: the server's domain (users are name@domain)")
    String xmppDomain;

    @Option(names = "--tls", description = "use TLS (trusting any certificate: a bench, not a client)")
    boolean tls;

    @Option(names = "--ports", split = ",", description = "several nodes of a cluster on the host, one port each (instead of "
            + "--port): seeded user i connects to the (i mod N)th, so friends 2i and 2i+1 are on different nodes")
    java.util.List<Integer> ports = java.util.List.of();

    @Option(names = "--pairs-on-one-node", description = "with --ports: friends 2i and 2i+1 on the same node (pair i on the (i mod N)th)")
    boolean pairsOnOneNode;

    @Option(names = "--allow-remote", description = "allow a target that is not a loopback address")
    boolean allowRemote;

    @Option(names = "--tokens", defaultValue = "bench-tokens.tsv", description = "users and resume tokens from `magpie bench setup`")
    Path tokens;

    @Option(names = "--procs", defaultValue = "1", description = "load processes (each its own JVM, so each has its own open-files limit)")
    int procs;

    @Option(names = "--loops", defaultValue = "0", description = "event loops per process (0 = number of cores)")
    int loops;

    @Option(names = "--source-addresses", defaultValue = "1",
            description = "spread connections over 127.0.0.1..127.0.0.N (more ephemeral ports)")
    int sourceAddresses;

    @Option(names = "--connect-concurrency", defaultValue = "256", description = "logins in flight at once")
    int connectConcurrency;

    @Option(names = "--max-seconds", defaultValue = "1800", description = "hard limit on the whole run; the tool exits after it")
    int maxSeconds;

    @Option(names = "--out", description = "JSON result file")
    Path out;

    @Option(names = "--chart", description = "PNG chart of latency percentiles against offered rate")
    Path chart;

    @Option(names = "--server-pid", description = "pid of a local server process: its RSS and CPU time are reported")
    Long serverPid;

    @Option(names = "--server-heap", description = "also report the server's live heap (runs a full GC through jcmd)")
    boolean serverHeap;

    @Option(names = "--settle-seconds", defaultValue = "3", description = "wait before reading server memory")
    int settleSeconds;

    @Option(names = "--child", hidden = true, description = "internal: index/count of a child load process")
    String child;

    /** Checks ranges before anything connects; a message names the option. */
    public void validate() {
        if (procs < 1 || procs > 64) throw new IllegalArgumentException("--procs must be 1..64: " + procs);
        if (loops < 0 || loops > 256) throw new IllegalArgumentException("--loops must be 0..256: " + loops);
        if (connectConcurrency < 1 || connectConcurrency > 100_000) {
            throw new IllegalArgumentException("--connect-concurrency must be 1..100000: " + connectConcurrency);
        }
        if (maxSeconds < 1 || maxSeconds > 24 * 3600) throw new IllegalArgumentException("--max-seconds must be 1..86400: " + maxSeconds);
        if (settleSeconds < 0 || settleSeconds > 600) throw new IllegalArgumentException("--settle-seconds must be 0..600");
        if (!protocol.equals("magpie") && !protocol.equals("xmpp")) {
            throw new IllegalArgumentException("--protocol must be magpie or xmpp: " + protocol);
        }
        if (isXmpp() && tls) throw new IllegalArgumentException("--protocol xmpp speaks plain TCP only (no --tls)");
        if (xmppDomain.isBlank() || xmppDomain.length() > 255) throw new IllegalArgumentException("--xmpp-domain must be 1..255 characters");
        target();
        if (child != null) childIndex(); // parses
    }

    public Target target() {
        Target t = Target.resolve(host, port(), tls, allowRemote, sourceAddresses);
        return ports.isEmpty() ? t : t.onNodes(ports, pairsOnOneNode);
    }

    public int port() {
        return port != null ? port : isXmpp() ? 5222 : 7878;
    }

    public boolean isXmpp() {
        return "xmpp".equals(protocol);
    }

    /** A new wire for one load process (its own JID directory). */
    public Wire wire() {
        return isXmpp() ? new Wire.Xmpp(new im.magpie.cli.bench.xmpp.XmppDirectory(xmppDomain)) : new Wire.Magpie();
    }

    public int loopCount() {
        return loops > 0 ? loops : Runtime.getRuntime().availableProcessors();
    }

    public boolean isChild() {
        return child != null;
    }

    /** {index, count} of this child process. */
    public int[] childIndex() {
        String[] p = child.split("/");
        try {
            int index = Integer.parseInt(p[0]);
            int count = Integer.parseInt(p[1]);
            if (p.length != 2 || index < 0 || index >= count) throw new NumberFormatException();
            return new int[] {index, count};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--child must be index/count: " + child);
        }
    }

    /** The slice [from, to) of {@code n} items that process {@code index} of {@code count} takes. */
    public static int[] slice(int n, int index, int count) {
        return new int[] {(int) ((long) n * index / count), (int) ((long) n * (index + 1) / count)};
    }
}
