package im.magpie.client.internal;

import im.magpie.client.history.HistoryStore;
import java.util.concurrent.CompletableFuture;

/**
 * What the request facets ({@link im.magpie.client.Social}, {@link im.magpie.client.GroupChats},
 * {@link im.magpie.client.Account}) need of the session: the logged-in connection, the caches, and
 * a way to have the caches refreshed after a change.
 */
public interface Online {
    /** The logged-in client; a future failed with {@code MagpieConnectionException} when not online. */
    CompletableFuture<MagpieClient> client();

    /** This account's user id (0 before the first login). */
    long selfUserId();

    Directory names();

    HistoryStore store();

    /** Asks the server for the friend list and groups again (after a change made here). */
    CompletableFuture<Void> refreshCaches();
}
