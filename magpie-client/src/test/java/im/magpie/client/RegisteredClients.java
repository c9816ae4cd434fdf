package im.magpie.client;

import im.magpie.client.internal.ClientListener;
import im.magpie.client.internal.MagpieClient;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connected, freshly registered {@link MagpieClient}s on one test server, for the facade ITs.
 * Usernames are the prefix plus a number unique in this JVM. {@link #close()} closes them all.
 */
final class RegisteredClients implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestServer server;
    private final Path profile;
    private final List<MagpieClient> clients = new CopyOnWriteArrayList<>();

    RegisteredClients(TestServer server, Path profile) {
        this.server = server;
        this.profile = profile;
    }

    MagpieClient register(String prefix) {
        return register(prefix, event -> {});
    }

    /** Registers a new account; {@code listener} is added before connecting, so it sees every push. */
    MagpieClient register(String prefix, ClientListener listener) {
        MagpieClient client = MagpieClient.builder().host(server.host()).port(server.port()).tls(false)
                .profileDir(profile).locale(Locale.ENGLISH).clientName("it/1").build();
        clients.add(client);
        client.addListener(listener);
        client.connect().join();
        client.register(prefix + COUNTER.incrementAndGet(), "password-123", prefix).join();
        return client;
    }

    @Override
    public void close() {
        clients.forEach(MagpieClient::close);
    }
}
