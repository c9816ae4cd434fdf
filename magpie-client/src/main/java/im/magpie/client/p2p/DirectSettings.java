package im.magpie.client.p2p;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the direct channels. {@link #defaults()}: on, listen on every interface on a free
 * port, 3 s to connect, 5 s for an end-to-end acknowledgement, 5 minutes idle, 30 s before trying
 * again after a failure.
 *
 * @param enabled false: never open or accept a channel (every message goes through the server)
 * @param bindHost the address the listener binds ({@code 0.0.0.0}: every interface)
 * @param listenPort 0: any free port
 * @param advertisedHosts the candidate addresses to announce; {@code null}: the interfaces' addresses
 * @param advertisedPort the port to announce; 0: the listening port (a port forward or proxy may differ)
 * @param connectTimeout how long the candidates get to connect and finish the handshake
 * @param ackTimeout how long a sent message waits for the peer's acknowledgement before the channel counts as broken
 * @param idleTimeout a channel with no traffic for this long is closed
 * @param retryAfter after a failed attempt or a broken channel, the path stays via the server this long
 * @param maxFrameBytes the largest frame accepted from a peer
 */
public record DirectSettings(boolean enabled, String bindHost, int listenPort, List<String> advertisedHosts,
                             int advertisedPort, Duration connectTimeout, Duration ackTimeout, Duration idleTimeout,
                             Duration retryAfter, int maxFrameBytes) {
    public DirectSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        advertisedHosts = advertisedHosts == null ? null : List.copyOf(advertisedHosts);
        if (listenPort < 0 || listenPort > 65_535 || advertisedPort < 0 || advertisedPort > 65_535) {
            throw new IllegalArgumentException("ports are 0..65535");
        }
        for (Duration d : List.of(connectTimeout, ackTimeout, idleTimeout, retryAfter)) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("durations must be positive: " + d);
        }
    }

    public static DirectSettings defaults() {
        return new DirectSettings(true, "0.0.0.0", 0, null, 0, Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofMinutes(5), Duration.ofSeconds(30), 1024 * 1024);
    }

    public DirectSettings withEnabled(boolean on) {
        return new DirectSettings(on, bindHost, listenPort, advertisedHosts, advertisedPort, connectTimeout, ackTimeout,
                idleTimeout, retryAfter, maxFrameBytes);
    }

    public DirectSettings withListener(String host, int port) {
        return new DirectSettings(enabled, host, port, advertisedHosts, advertisedPort, connectTimeout, ackTimeout,
                idleTimeout, retryAfter, maxFrameBytes);
    }

    public DirectSettings withAdvertised(List<String> hosts, int port) {
        return new DirectSettings(enabled, bindHost, listenPort, hosts, port, connectTimeout, ackTimeout,
                idleTimeout, retryAfter, maxFrameBytes);
    }

    public DirectSettings withTimeouts(Duration connect, Duration ack, Duration idle, Duration retry) {
        return new DirectSettings(enabled, bindHost, listenPort, advertisedHosts, advertisedPort, connect, ack,
                idle, retry, maxFrameBytes);
    }
}
