package im.magpie.server.discovery;

import im.magpie.protocol.discovery.DiscoveryDatagrams;
import im.magpie.protocol.proto.DiscoveryReply;
import im.magpie.protocol.proto.DiscoveryRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers LAN discovery requests on one UDP port (wildcard address, so broadcasts arrive too) and,
 * if configured, on an IPv4 multicast group joined on every interface that supports it.
 *
 * <p>A datagram gets a reply only if it is a well-formed request ({@link DiscoveryDatagrams}),
 * the reply fits in the request's size (no amplification: a client pads its request) and its
 * source is within its rate ({@link SourceRateLimiter}). Everything else is dropped without a
 * word. One daemon thread; {@link #close} stops it.
 */
public final class DiscoveryResponder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiscoveryResponder.class);
    /** Addresses named in a reply: enough for any real host, and the reply stays small. */
    static final int MAX_ADDRESSES = 8;

    /** What a reply says about the server (all but the nonce and the addresses, read per reply). */
    public record Identity(String serverName, String version, int port, boolean tls, String certSha256) {}

    private final MulticastSocket socket;
    private final Identity identity;
    private final SourceRateLimiter limiter;
    private final Supplier<List<String>> addresses;
    private final Thread thread;
    private volatile boolean closed;

    private DiscoveryResponder(MulticastSocket socket, Identity identity, SourceRateLimiter limiter, Supplier<List<String>> addresses) {
        this.socket = socket;
        this.identity = identity;
        this.limiter = limiter;
        this.addresses = addresses;
        this.thread = new Thread(this::run, "magpie-discovery");
        thread.setDaemon(true);
    }

    /** Binds {@code port} (0 = any) on all addresses, joins {@code group} ("" = none) and starts. */
    static DiscoveryResponder start(int port, String group, Identity identity, SourceRateLimiter limiter) {
        try {
            MulticastSocket socket = new MulticastSocket(null);
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            if (!group.isEmpty()) joinEverywhere(socket, InetAddress.getByName(group));
            DiscoveryResponder responder = new DiscoveryResponder(socket, identity, limiter, DiscoveryResponder::interfaceAddresses);
            responder.thread.start();
            log.info("LAN discovery on udp port {}{}", socket.getLocalPort(), group.isEmpty() ? "" : " and group " + group);
            return responder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the discovery port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    private static void joinEverywhere(MulticastSocket socket, InetAddress group) throws SocketException {
        InetSocketAddress at = new InetSocketAddress(group, 0);
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || !nif.supportsMulticast()) continue;
            try {
                socket.joinGroup(at, nif);
            } catch (IOException e) {
                log.debug("cannot join {} on {}: {}", group, nif.getName(), e.toString());
            }
        }
    }

    private void run() {
        byte[] buffer = new byte[DiscoveryDatagrams.MAX_REQUEST_BYTES + 1]; // one more: oversized is detectable
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                answer(packet);
            } catch (IOException e) {
                if (!closed) log.debug("discovery receive failed: {}", e.toString());
            } catch (RuntimeException e) {
                log.warn("discovery request failed", e); // our fault: keep answering others
            }
        }
    }

    private void answer(DatagramPacket packet) throws IOException {
        Optional<DiscoveryRequest> request = DiscoveryDatagrams.parseRequest(packet.getData(), packet.getLength());
        if (request.isEmpty()) return;
        byte[] reply = DiscoveryDatagrams.reply(reply(request.get()));
        if (reply.length > packet.getLength()) {
            log.debug("discovery request from {} too small for the reply ({} < {} bytes)",
                    packet.getAddress(), packet.getLength(), reply.length);
            return;
        }
        if (!limiter.tryAcquire(packet.getAddress())) return;
        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
    }

    private DiscoveryReply reply(DiscoveryRequest request) {
        return DiscoveryReply.newBuilder()
                .setNonce(request.getNonce())
                .setServerName(identity.serverName())
                .setVersion(identity.version())
                .addAllAddresses(addresses.get())
                .setPort(identity.port())
                .setTls(identity.tls())
                .setCertSha256(identity.certSha256())
                .setProtocolMajor(im.magpie.protocol.ProtocolVersion.MAJOR)
                .build();
    }

    /** This host's addresses a LAN client could use: up, not loopback (unless there is nothing else). */
    static List<String> interfaceAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) continue;
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a.isLinkLocalAddress() && !(a instanceof Inet4Address)) continue; // fe80:: needs a scope
                    if (out.size() < MAX_ADDRESSES) out.add(a.getHostAddress());
                }
            }
        } catch (SocketException e) {
            log.debug("cannot list interfaces: {}", e.toString());
        }
        if (out.isEmpty()) out.add(InetAddress.getLoopbackAddress().getHostAddress());
        return out;
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
