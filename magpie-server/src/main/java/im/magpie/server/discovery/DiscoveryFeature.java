package im.magpie.server.discovery;

import im.magpie.server.config.CoreSettings;
import im.magpie.server.config.Settings;
import im.magpie.server.transport.TlsContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * LAN discovery: starts the {@link DiscoveryResponder} once the client port is known (it is
 * part of the reply), unless the {@code discovery} setting turns it off.
 */
public final class DiscoveryFeature {
    /** Replies per source are counted in windows of this length. */
    static final long WINDOW_MS = 10_000;
    /** Source addresses tracked by the rate limiter at once. */
    static final int MAX_TRACKED_SOURCES = 4096;

    private DiscoveryFeature() {}

    public static Optional<DiscoveryResponder> start(Settings settings, Path dataDir, int clientPort, Clock clock) {
        if (!settings.get(DiscoverySettings.ENABLED)) return Optional.empty();
        boolean tls = settings.get(CoreSettings.TLS);
        DiscoveryResponder.Identity identity = new DiscoveryResponder.Identity(
                settings.get(CoreSettings.SERVER_NAME), version(), clientPort, tls,
                tls ? TlsContexts.fingerprint(dataDir, settings.get(CoreSettings.TLS_CERT)) : "");
        SourceRateLimiter limiter = new SourceRateLimiter(clock, settings.get(DiscoverySettings.REPLIES_PER_SOURCE),
                WINDOW_MS, MAX_TRACKED_SOURCES);
        String group = settings.get(DiscoverySettings.MULTICAST_GROUP); // "" reads as null
        return Optional.of(DiscoveryResponder.start(settings.get(DiscoverySettings.PORT),
                group == null ? "" : group.trim(), identity, limiter));
    }

    /** The server's version from its jar's manifest; "dev" when run from classes. */
    static String version() {
        String v = DiscoveryFeature.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
