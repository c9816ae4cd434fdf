package im.magpie.client.discovery;

import java.util.List;

/**
 * A server that answered a LAN discovery request.
 *
 * @param name         the server's configured name
 * @param version      its software version
 * @param addresses    the addresses it says it has (try them in order)
 * @param port         its client protocol TCP port
 * @param tls          whether it speaks TLS
 * @param certSha256   hex SHA-256 of its TLS certificate ("" without TLS): compare with what is pinned
 * @param answeredFrom the address the answer came from (reachable from here, at least for UDP)
 */
public record DiscoveredServer(String name, String version, List<String> addresses, int port, boolean tls,
                               String certSha256, String answeredFrom) {
    public DiscoveredServer {
        addresses = List.copyOf(addresses);
    }
}
