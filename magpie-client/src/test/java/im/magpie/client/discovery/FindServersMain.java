package im.magpie.client.discovery;

import java.time.Duration;

/**
 * Runs {@link ServerFinder} in a process of its own, so a test can run it inside another network
 * namespace ({@code ip netns exec}). Arguments: the discovery port and the timeout in ms. Prints
 * one line per server: {@code name|port|tls|answeredFrom}.
 */
public final class FindServersMain {
    private FindServersMain() {}

    public static void main(String[] args) throws Exception {
        var servers = ServerFinder.builder().port(Integer.parseInt(args[0])).multicastGroup("")
                .timeout(Duration.ofMillis(Long.parseLong(args[1]))).build().find();
        for (DiscoveredServer s : servers) {
            System.out.println(s.name() + "|" + s.port() + "|" + s.tls() + "|" + s.answeredFrom());
        }
    }
}
