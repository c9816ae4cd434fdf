package im.magpie.cli.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the load goes, checked before a single connection is made: loopback only unless the
 * operator explicitly allows a remote target, and the local source addresses connections are
 * spread over (127.0.0.1, 127.0.0.2, ... on loopback, each with its own ephemeral port range).
 */
public record Target(InetAddress address, int port, boolean tls, List<InetAddress> sourceAddresses, List<Integer> nodePorts,
                     boolean pairsOnOneNode) {

    public Target {
        sourceAddresses = List.copyOf(sourceAddresses);
        nodePorts = List.copyOf(nodePorts);
    }

    public Target(InetAddress address, int port, boolean tls, List<InetAddress> sourceAddresses) {
        this(address, port, tls, sourceAddresses, List.of(), false);
    }

    /**
     * The same target as several nodes of a cluster on its host, one port each ({@code --ports}):
     * users are spread over them by their seeded index, so friends 2i and 2i+1 are on different
     * nodes, or, with {@code pairsOnOneNode}, on the same one.
     */
    public Target onNodes(List<Integer> ports, boolean pairsOnOneNode) {
        for (int p : ports) {
            if (p < 1 || p > 65535) throw new IllegalArgumentException("--ports: each port must be 1..65535: " + p);
        }
        return new Target(address, port, tls, sourceAddresses, ports, pairsOnOneNode);
    }

    /** The port the seeded user {@code userIndex} connects to. */
    public int portFor(int userIndex) {
        if (nodePorts.isEmpty()) return port;
        int spread = pairsOnOneNode ? userIndex / 2 : userIndex;
        return nodePorts.get(Math.floorMod(spread, nodePorts.size()));
    }

    /**
     * @param sourceCount how many 127.0.0.x source addresses to spread connections over (1..250);
     *                    only on a loopback target
     * @throws IllegalArgumentException a bad host or port, a remote target without
     *                                  {@code allowRemote}, or source addresses with a remote target
     */
    public static Target resolve(String host, int port, boolean tls, boolean allowRemote, int sourceCount) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535: " + port);
        if (sourceCount < 1 || sourceCount > 250) {
            throw new IllegalArgumentException("--source-addresses must be 1..250: " + sourceCount);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host: " + host);
        }
        boolean loopback = address.isLoopbackAddress();
        if (!loopback && !allowRemote) {
            throw new IllegalArgumentException("refusing to load " + host + " (" + address.getHostAddress()
                    + "): not a loopback address; pass --allow-remote if you own that server");
        }
        List<InetAddress> sources = new ArrayList<>();
        if (sourceCount > 1) {
            if (!loopback || address.getAddress().length != 4) {
                throw new IllegalArgumentException("--source-addresses needs an IPv4 loopback target (127.0.0.1)");
            }
            for (int i = 1; i <= sourceCount; i++) {
                try {
                    sources.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new Target(address, port, tls, sources);
    }

    /** The source address for the {@code n}th connection, or null to let the kernel choose. */
    public InetAddress sourceFor(int n) {
        return sourceAddresses.isEmpty() ? null : sourceAddresses.get(Math.floorMod(n, sourceAddresses.size()));
    }
}
