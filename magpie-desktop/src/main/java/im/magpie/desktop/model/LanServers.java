package im.magpie.desktop.model;

import im.magpie.client.discovery.ServerFinder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Finds the servers on the local network for the login window's drop-down, through the library's
 * UDP discovery ({@link ServerFinder}). Blocking for about a second: call it off the FX thread.
 */
@FunctionalInterface
public interface LanServers {
    /** A server found: its name, the address to type, and whether it speaks TLS. */
    record Found(String name, String address, boolean tls) {}

    List<Found> find() throws IOException;

    /** Broadcast and multicast on the default discovery port. */
    static LanServers onDefaultPort() {
        return () -> find(ServerFinder.builder().timeout(Duration.ofSeconds(1)).build());
    }

    /** Asks only {@code host}:{@code port} (tests: a server's responder on loopback). */
    static LanServers at(String host, int port) {
        return () -> find(ServerFinder.builder().broadcast(false).alsoAsk(new InetSocketAddress(host, port))
                .timeout(Duration.ofMillis(700)).build());
    }

    private static List<Found> find(ServerFinder finder) throws IOException {
        return finder.find().stream()
                .map(s -> new Found(s.name(), ServerAddress.format(s.answeredFrom(), s.port()), s.tls())).toList();
    }
}
