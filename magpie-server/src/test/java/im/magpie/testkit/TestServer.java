package im.magpie.testkit;

import im.magpie.server.MagpieServer;
import im.magpie.server.account.AccountSettings;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.config.Setting;
import im.magpie.server.config.Settings;
import im.magpie.server.group.GroupSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Magpie server for tests: port 0 on loopback, a temporary data directory, H2 by default
 * (or a fresh PostgreSQL/MariaDB database), cheap password hashing. Close it to stop the server
 * and delete its data (unless the data directory was given, e.g. to restart on the same data).
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start()) {
 *     RawClient c = RawClient.connect(server);
 * }
 * }</pre>
 */
public final class TestServer implements AutoCloseable {
    private final MagpieServer server;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final TestDatabase.Created database;
    private final boolean tls;

    private TestServer(MagpieServer server, Path dataDir, boolean ownsDataDir, TestDatabase.Created database, boolean tls) {
        this.server = server;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.database = database;
        this.tls = tls;
    }

    public static TestServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.port();
    }

    public boolean tls() {
        return tls;
    }

    public Path dataDir() {
        return dataDir;
    }

    public MagpieServer server() {
        return server;
    }

    /** The JDBC URL in use, or null for the embedded H2. */
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    @Override
    public void close() {
        server.close();
        database.close();
        if (ownsDataDir) deleteRecursively(dataDir);
    }

    /** Stops the server but keeps data and database, for restart tests. */
    public void stopKeepingData() {
        server.close();
    }

    public static final class Builder {
        private final Map<String, String> settings = new HashMap<>();
        private boolean tls;
        private Path dataDir;
        private TestDatabase backend = TestDatabase.EMBEDDED_DEFAULT;
        private String jdbcUrl;
        private Clock clock = Clock.systemUTC();

        private Builder() {
            set(CoreSettings.HOST, "127.0.0.1");
            set(CoreSettings.PORT, 0);
            set(CoreSettings.SHUTDOWN_GRACE_SECONDS, 2);
            set(im.magpie.server.ops.OpsSettings.ADMIN_PORT, 0);
            set(AccountSettings.ARGON2_MEMORY_KIB, 256);
            set(AccountSettings.ARGON2_ITERATIONS, 1);
            set(AccountSettings.REGISTRATIONS_PER_ADDRESS, 100_000);
            set(AccountSettings.LOGIN_FAILURES_PER_ADDRESS, 100_000);
            // Off in tests, so every user's inbox starts empty; lobby tests turn it on.
            set(GroupSettings.LOBBY_ENABLED, false);
            // Off in tests (its default port is fixed); discovery tests turn it on with port 0.
            set(im.magpie.server.discovery.DiscoverySettings.ENABLED, false);
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public <T> Builder set(Setting<T> setting, Object value) {
            settings.put(setting.key(), String.valueOf(value));
            return this;
        }

        /** Use this data directory and keep it afterwards (e.g. to restart on the same data). */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder database(TestDatabase backend) {
            this.backend = backend;
            return this;
        }

        /** Use an existing database (e.g. to restart on it) instead of creating a fresh one. */
        public Builder jdbcUrl(String url) {
            this.jdbcUrl = url;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public TestServer start() {
            boolean owns = dataDir == null;
            Path dir;
            try {
                dir = owns ? Files.createTempDirectory("magpie-test-") : dataDir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TestDatabase.Created db = jdbcUrl != null ? new TestDatabase.Created(jdbcUrl, () -> {}) : backend.create();
            Map<String, String> all = new HashMap<>(settings);
            all.put(CoreSettings.DATA_DIR.key(), dir.toString());
            all.put(CoreSettings.TLS.key(), Boolean.toString(tls));
            if (db.jdbcUrl() != null) all.put(CoreSettings.DB.key(), db.jdbcUrl());
            try {
                MagpieServer server = MagpieServer.start(Settings.builder().flags(all).build(), clock);
                return new TestServer(server, dir, owns, db, tls);
            } catch (RuntimeException e) {
                db.close();
                if (owns) deleteRecursively(dir);
                throw e;
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp dir
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
