package im.magpie.client.internal;

import im.magpie.client.KnownServers;
import im.magpie.protocol.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of a {@link MagpieClient}. Defaults: {@code localhost:7878}, TLS on, profile
 * directory {@code ~/.magpie}, the JVM's locale, request and connect timeouts of 10 s.
 * Not thread-safe; {@link #build()} takes a snapshot.
 */
public final class MagpieClientBuilder {
    // Package-private: the client reads its snapshot (made by build()) directly.
    String host = "localhost";
    int port = MagpieClient.DEFAULT_PORT;
    boolean tls = true;
    Path profileDir = Path.of(System.getProperty("user.home"), ".magpie");
    Locale locale = Locale.getDefault();
    String clientName = "magpie-client/0.1.0";
    String deviceName;
    Duration requestTimeout = Duration.ofSeconds(10);
    Duration connectTimeout = Duration.ofSeconds(10);
    int maxFrameBytes = Limits.DEFAULT_MAX_FRAME_BYTES;
    Consumer<KnownServers.Entry> onServerPinned = entry -> { };

    MagpieClientBuilder() {}

    private MagpieClientBuilder(MagpieClientBuilder other) {
        host = other.host;
        port = other.port;
        tls = other.tls;
        profileDir = other.profileDir;
        locale = other.locale;
        clientName = other.clientName;
        deviceName = other.deviceName == null ? other.clientName : other.deviceName;
        requestTimeout = other.requestTimeout;
        connectTimeout = other.connectTimeout;
        maxFrameBytes = other.maxFrameBytes;
        onServerPinned = other.onServerPinned;
    }

    public MagpieClientBuilder host(String host) {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    public MagpieClientBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        return this;
    }

    /** TLS with trust on first use (default true); false for a server run with {@code --no-tls}. */
    public MagpieClientBuilder tls(boolean tls) {
        this.tls = tls;
        return this;
    }

    /** Where {@code known_servers} (and later the local history) live; default {@code ~/.magpie}. */
    public MagpieClientBuilder profileDir(Path profileDir) {
        this.profileDir = Objects.requireNonNull(profileDir);
        return this;
    }

    /** The language the server should use in error messages (sent in {@code Hello}). */
    public MagpieClientBuilder locale(Locale locale) {
        this.locale = Objects.requireNonNull(locale);
        return this;
    }

    /** E.g. {@code magpie-cli/0.1.0}; the server logs it. */
    public MagpieClientBuilder clientName(String clientName) {
        this.clientName = Objects.requireNonNull(clientName);
        return this;
    }

    /** Shown to the user among their sessions; defaults to the client name. */
    public MagpieClientBuilder deviceName(String deviceName) {
        this.deviceName = deviceName;
        return this;
    }

    public MagpieClientBuilder requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive(requestTimeout);
        return this;
    }

    public MagpieClientBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout);
        return this;
    }

    /** The largest frame accepted from the server (default {@link Limits#DEFAULT_MAX_FRAME_BYTES}). */
    public MagpieClientBuilder maxFrameBytes(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        }
        this.maxFrameBytes = maxFrameBytes;
        return this;
    }

    /**
     * Called (on a network thread: be quick) when a server's certificate is pinned on first
     * contact, e.g. to print a notice with the fingerprint.
     */
    public MagpieClientBuilder onServerPinned(Consumer<KnownServers.Entry> onServerPinned) {
        this.onServerPinned = Objects.requireNonNull(onServerPinned);
        return this;
    }

    public MagpieClient build() {
        return new MagpieClient(new MagpieClientBuilder(this));
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive: " + d);
        }
        return d;
    }
}
