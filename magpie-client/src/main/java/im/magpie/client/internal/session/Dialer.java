package im.magpie.client.internal.session;

import im.magpie.client.internal.ClientEvent;
import im.magpie.protocol.proto.LoginOk;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Makes one connection attempt. The real one builds a {@link im.magpie.client.internal.MagpieClient}. */
@FunctionalInterface
public interface Dialer {
    /**
     * Connects and authenticates. Everything the connection reports afterwards (pushes,
     * heartbeats, its loss) goes to {@code sink}, from any thread.
     */
    Dialed dial(Credentials credentials, Consumer<ClientEvent> sink);

    /** An attempt under way: the link, and the login that completes it. */
    record Dialed(Link link, CompletableFuture<LoginOk> loggedIn) {}
}
