package im.magpie.client;

import im.magpie.client.files.DirectFileTransport;
import im.magpie.client.files.FileTransfers;
import im.magpie.client.files.FileTransport;
import im.magpie.client.files.internal.SessionFileLink;
import im.magpie.client.history.HistoryStoreOptions;
import im.magpie.client.internal.Backoff;
import im.magpie.client.internal.MagpieClient;
import im.magpie.client.internal.MagpieClientBuilder;
import im.magpie.client.internal.session.AccountHolder;
import im.magpie.client.internal.session.Session;
import im.magpie.client.p2p.DirectSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Settings of a {@link Messenger}. Not thread-safe. Defaults: {@code localhost:7878}, TLS on, profile
 * {@code ~/.magpie}, reconnect delays from 1 s doubling up to 30 s with jitter.
 */
public final class MessengerBuilder {
    final MagpieClientBuilder clientBuilder = MagpieClient.builder();
    String host = "localhost";
    int port = MagpieClient.DEFAULT_PORT;
    Path profileDir = Path.of(System.getProperty("user.home"), ".magpie");
    HistoryStoreOptions historyOptions = HistoryStoreOptions.defaults();
    Duration initialDelay = Duration.ofSeconds(1);
    Duration maxDelay = Duration.ofSeconds(30);
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    final List<FileTransport> fileTransports = new ArrayList<>();
    Path autoAcceptDir;
    long autoAcceptImageBytes = FileTransfers.DEFAULT_AUTO_ACCEPT_IMAGE_BYTES;
    DirectSettings direct = DirectSettings.defaults().withEnabled(false);
    boolean keepSession = true;

    MessengerBuilder() {}

    public MessengerBuilder server(String host, int port) {
        this.host = Objects.requireNonNull(host);
        this.port = port;
        clientBuilder.host(host).port(port);
        return this;
    }

    public MessengerBuilder tls(boolean tls) {
        clientBuilder.tls(tls);
        return this;
    }

    /** Where sessions, pinned certificates and the history databases live; default {@code ~/.magpie}. */
    public MessengerBuilder profileDir(Path profileDir) {
        this.profileDir = Objects.requireNonNull(profileDir);
        clientBuilder.profileDir(profileDir);
        return this;
    }

    /** Further client settings (locale, client name, timeouts, pin notices). */
    public MessengerBuilder client(Consumer<MagpieClientBuilder> settings) {
        settings.accept(clientBuilder);
        return this;
    }

    public MessengerBuilder historyOptions(HistoryStoreOptions options) {
        this.historyOptions = Objects.requireNonNull(options);
        return this;
    }

    /**
     * Reconnect delays: {@code initial} after the first failure, doubling per failure up to
     * {@code max}, each with jitter (a random point in the upper half). Default 1 s and 30 s.
     */
    public MessengerBuilder reconnectDelays(Duration initial, Duration max) {
        new Backoff(initial, max, () -> 0); // validates
        this.initialDelay = initial;
        this.maxDelay = max;
        return this;
    }

    /**
     * A way to carry files tried before the relay through the server (e.g. the direct
     * peer-to-peer channel), in the order added: {@link Messenger#files()} uses the first that reaches
     * the recipient.
     */
    public MessengerBuilder fileTransport(FileTransport transport) {
        fileTransports.add(Objects.requireNonNull(transport));
        return this;
    }

    /** Accept offered images of at most {@code maxBytes} automatically, saving them into {@code dir}. */
    public MessengerBuilder autoAcceptImages(Path dir, long maxBytes) {
        this.autoAcceptDir = Objects.requireNonNull(dir);
        this.autoAcceptImageBytes = maxBytes;
        return this;
    }

    /** The jitter's random source, values in [0, 1] (for tests). */
    public MessengerBuilder random(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random);
        return this;
    }

    /**
     * Direct channels to friends (package {@code im.magpie.client.p2p}): off unless set here, e.g.
     * {@code direct(DirectSettings.defaults())}; {@code withEnabled(false)} keeps every message on the server.
     */
    public MessengerBuilder direct(DirectSettings settings) {
        this.direct = Objects.requireNonNull(settings);
        return this;
    }

    /**
     * Whether the profile keeps the session's resume token for a later {@link Messenger#resume}
     * (default true). False ("remember me" off): the token lives in memory for this messenger's
     * reconnects only, and a token the profile held for this account is removed at login.
     */
    public MessengerBuilder keepSession(boolean keep) {
        this.keepSession = keep;
        return this;
    }

    /** Builds the messenger; change this builder no further afterwards (each connection attempt reads it). */
    public Messenger build() {
        return new Messenger(this);
    }

    /** Next to the account's history: uploads begun and not finished, so sending the same file again resumes. */
    private static final String PENDING_UPLOADS_FILE = "uploads.properties";

    /** The session of {@code username} with these settings. */
    Session session(AccountHolder holder, String username, long userId) {
        return holder.create(username, userId, historyOptions, new Backoff(initialDelay, maxDelay, random),
                clientBuilder::build, direct);
    }

    /** The file transfers of {@code session}; made with it, so small images are accepted from the first sync. */
    FileTransfers files(AccountHolder holder, Session session, String username) {
        SessionFileLink fileLink = new SessionFileLink(session, holder.events());
        List<FileTransport> transports = new ArrayList<>();
        // Files to a friend go over the direct channel when it is up, before any other transport.
        holder.direct().ifPresent(wiring -> wiring.channels().ifPresent(channels -> {
            DirectFileTransport direct = new DirectFileTransport(channels, fileLink, session.names()::user, session.names()::chat);
            wiring.receiveFilesWith(direct);
            transports.add(direct);
        }));
        transports.addAll(fileTransports);
        return FileTransfers.create(fileLink, new FileTransfers.Settings(
                transports, holder.historyFile(username).resolveSibling(PENDING_UPLOADS_FILE),
                autoAcceptDir, autoAcceptImageBytes));
    }
}
