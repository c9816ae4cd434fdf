package im.magpie.client.discovery;

import im.magpie.protocol.discovery.DiscoveryDatagrams;
import im.magpie.protocol.proto.DiscoveryReply;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds Magpie servers on the local network: sends one discovery request to the broadcast address
 * of every interface that is up, to the multicast group on every interface that supports it, and
 * to any address given with {@link Builder#alsoAsk}; then collects the answers that carry its
 * nonce for the {@link Builder#timeout} (1 s by default). Blocking; one call, one socket.
 *
 * <pre>{@code
 * List<DiscoveredServer> servers = ServerFinder.builder().build().find();
 * }</pre>
 */
public final class ServerFinder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int port;
    private final String multicastGroup;
    private final Duration timeout;
    private final boolean broadcast;
    private final List<InetSocketAddress> alsoAsk;

    private ServerFinder(Builder b) {
        this.port = b.port;
        this.multicastGroup = b.multicastGroup;
        this.timeout = b.timeout;
        this.broadcast = b.broadcast;
        this.alsoAsk = List.copyOf(b.alsoAsk);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Asks and collects for the timeout; each server once (by where it answered from and its port). */
    public List<DiscoveredServer> find() throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        byte[] request = DiscoveryDatagrams.request(nonce);
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(0))) {
            socket.setBroadcast(true);
            socket.setTimeToLive(1); // the LAN only
            for (SocketAddress target : targets()) sendQuietly(socket, request, target, null);
            if (broadcast && !multicastGroup.isEmpty()) {
                InetSocketAddress group = new InetSocketAddress(InetAddress.getByName(multicastGroup), port);
                for (NetworkInterface nif : upInterfaces()) {
                    if (nif.supportsMulticast()) sendQuietly(socket, request, group, nif);
                }
            }
            return collect(socket, nonce);
        }
    }

    private List<DiscoveredServer> collect(MulticastSocket socket, byte[] nonce) throws IOException {
        Map<String, DiscoveredServer> found = new LinkedHashMap<>();
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) break;
            socket.setSoTimeout((int) leftMs);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            Optional<DiscoveryReply> reply = DiscoveryDatagrams.parseReply(packet.getData(), packet.getLength());
            if (reply.isEmpty() || !Arrays.equals(reply.get().getNonce().toByteArray(), nonce)) continue;
            DiscoveryReply r = reply.get();
            String from = packet.getAddress().getHostAddress();
            found.putIfAbsent(from + "#" + r.getPort(), new DiscoveredServer(r.getServerName(), r.getVersion(),
                    r.getAddressesList(), r.getPort(), r.getTls(), r.getCertSha256(), from));
        }
        return List.copyOf(found.values());
    }

    private Set<SocketAddress> targets() throws IOException {
        Set<SocketAddress> targets = new LinkedHashSet<>(alsoAsk);
        if (broadcast) {
            for (NetworkInterface nif : upInterfaces()) {
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    if (a.getBroadcast() != null) targets.add(new InetSocketAddress(a.getBroadcast(), port));
                }
            }
        }
        return targets;
    }

    private static List<NetworkInterface> upInterfaces() throws IOException {
        List<NetworkInterface> up = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) up.add(nif);
        }
        return up;
    }

    /** One unreachable interface must not stop the others from being asked. */
    private static void sendQuietly(MulticastSocket socket, byte[] data, SocketAddress to, NetworkInterface via) {
        try {
            if (via != null) socket.setNetworkInterface(via);
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            // e.g. no route on this interface: the others may still answer
        }
    }

    /** How to look: the port, the group, how long, and where else to ask. */
    public static final class Builder {
        private int port = DiscoveryDatagrams.DEFAULT_PORT;
        private String multicastGroup = DiscoveryDatagrams.DEFAULT_MULTICAST_GROUP;
        private Duration timeout = Duration.ofSeconds(1);
        private boolean broadcast = true;
        private final List<InetSocketAddress> alsoAsk = new ArrayList<>();

        private Builder() {}

        public Builder port(int port) {
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1-65535");
            this.port = port;
            return this;
        }

        /** "" asks no group. */
        public Builder multicastGroup(String group) {
            this.multicastGroup = group;
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
            this.timeout = timeout;
            return this;
        }

        /** False: ask only the {@link #alsoAsk} addresses (no broadcast, no group). */
        public Builder broadcast(boolean broadcast) {
            this.broadcast = broadcast;
            return this;
        }

        /** Also ask this address directly (e.g. a known host, or loopback). */
        public Builder alsoAsk(InetSocketAddress address) {
            alsoAsk.add(address);
            return this;
        }

        public ServerFinder build() {
            return new ServerFinder(this);
        }
    }
}
