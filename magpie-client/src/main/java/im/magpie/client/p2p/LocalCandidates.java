package im.magpie.client.p2p;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The addresses this machine announces as candidates: every address of every interface that is
 * up, except loopback and IPv6 link-local ones (a peer elsewhere cannot reach those; a peer on this
 * machine reaches us at the address the server observes). At most 15, so the server's bound of 16
 * leaves room for the observed one.
 */
final class LocalCandidates {
    static final int MAX = 15;

    private LocalCandidates() {}

    static List<String> hosts() {
        List<String> hosts = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()) continue;
                    String host = address.getHostAddress();
                    if (address instanceof Inet6Address) host = host.replaceFirst("%.*$", "");
                    if (hosts.size() < MAX && !hosts.contains(host)) hosts.add(host);
                }
            }
        } catch (SocketException e) {
            // No interfaces to read: the observed address is all the peer gets.
        }
        return hosts;
    }
}
