package im.magpie.server;

import im.magpie.server.cluster.Router;
import im.magpie.server.config.Settings;
import im.magpie.server.dispatch.Routes;
import im.magpie.server.session.SessionRegistry;
import im.magpie.server.store.Database;
import im.magpie.server.store.IdGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * The shared infrastructure every feature is assembled from. Features get what they need from here
 * in their {@code install} method and hand their services to the features that depend on them
 * explicitly (see {@link MagpieServer}); nothing looks services up at run time.
 *
 * @param workers  blocking work (database); never block a Netty event loop instead
 * @param hashing  password hashing, kept apart so a login storm cannot starve other requests
 */
public record ServerContext(
        Settings settings,
        Path dataDir,
        Clock clock,
        IdGenerator ids,
        Database database,
        SessionRegistry sessions,
        Router router,
        Routes routes,
        ExecutorService workers,
        ExecutorService hashing,
        PingHandler pings) {}
