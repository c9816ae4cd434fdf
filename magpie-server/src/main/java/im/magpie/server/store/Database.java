package im.magpie.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database: a HikariCP pool, the schema brought up to date by Flyway at start, and a
 * {@link Jdbi} for the feature stores. Blocking: use it only from worker threads, never from a
 * Netty event loop.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Jdbi jdbi;
    private final SqliteCheckpoints sqliteCheckpoints;
    private final DatabaseHealth health;

    private Database(HikariDataSource dataSource, Dialect dialect, Jdbi jdbi, SqliteCheckpoints sqliteCheckpoints,
                     DatabaseHealth health) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = jdbi;
        this.sqliteCheckpoints = sqliteCheckpoints;
        this.health = health;
    }

    /**
     * The embedded database of {@code dataDir}: SQLite ({@link #sqliteUrl}), or H2 ({@link
     * #h2Url}) in a directory that an earlier version made with H2 and that has not been moved
     * (see {@link #LEGACY_H2_ADVICE}).
     */
    public static String embeddedUrl(Path dataDir) {
        if (!holdsLegacyH2(dataDir)) return sqliteUrl(dataDir);
        refuseUnreplayedJournal(dataDir);
        log.warn(LEGACY_H2_ADVICE.replace("DIR", dataDir.toAbsolutePath().toString()));
        return h2Url(dataDir);
    }

    /**
     * Until the ninth round, H2 commits of messages were made durable by a send journal in
     * {@code journal/}, replayed at the next start. This version has no journal: if a server of an
     * earlier version was killed and left one, starting on the store without it would lose those
     * messages, so it refuses and says what to do.
     */
    private static void refuseUnreplayedJournal(Path dataDir) {
        Path journal = dataDir.toAbsolutePath().resolve("journal");
        if (!Files.isDirectory(journal)) return;
        try (java.util.stream.Stream<Path> segments = Files.list(journal)) {
            if (segments.anyMatch(p -> p.toFile().length() > 0)) {
                throw new StoreException("the data directory " + dataDir + " holds a send journal (" + journal + ") that an "
                        + "earlier Magpie left when it was stopped abruptly; start that version once and stop it cleanly "
                        + "(it replays the journal into the database), then start this one", null);
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot read " + journal + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code dataDir} holds an H2 database (the embedded default until the ninth round) and no SQLite one. */
    public static boolean holdsLegacyH2(Path dataDir) {
        Path db = dataDir.toAbsolutePath().resolve("db");
        return Files.exists(db.resolve("magpie.mv.db")) && !Files.exists(db.resolve("magpie.sqlite"));
    }

    /** What to tell the owner of a data directory that still holds H2 (logged at start). */
    public static final String LEGACY_H2_ADVICE = "this data directory holds an H2 database from an earlier Magpie; it keeps "
            + "working, but the embedded default is now SQLite. To move it: stop the server, run "
            + "'magpie admin export magpie.dump --data-dir DIR', move DIR/db aside, run "
            + "'magpie admin import magpie.dump --data-dir DIR', and start the server again (docs/deployment.md)";

    /**
     * Embedded H2 in file mode under {@code dataDir}, every commit written to the file before it
     * returns (H2's WRITE_DELAY=0), so nothing acknowledged is lost if the process is killed.
     */
    public static String h2Url(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("db").resolve("magpie");
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0"
                + ";QUERY_CACHE_SIZE=256"; // a login runs ~10 distinct statements: the default 8 re-parsed them each time
    }

    /**
     * Embedded SQLite under {@code dataDir}, in WAL mode with {@code synchronous=NORMAL}: a commit
     * is in the write-ahead log (the operating system's cache of it) before it returns, so it
     * survives the process being killed; the log is synced at checkpoints, so a power cut may lose
     * the last commits.
     */
    public static String sqliteUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("db").resolve("magpie.sqlite");
    }

    /** Opens the pool and migrates the schema; fails with a clear message if unreachable. */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        return open(jdbcUrl, user, password, poolSize, 10_000, 5);
    }

    /**
     * As above; {@code connectionTimeoutMillis} is how long a request waits for a pooled
     * connection (and so how soon an outage is noticed), {@code retryAfterSeconds} what clients
     * are told to wait while the database is down (see {@link DatabaseHealth}).
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
                                int connectionTimeoutMillis, int retryAfterSeconds) {
        Dialect dialect = Dialect.fromJdbcUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null && !user.isEmpty()) config.setUsername(user);
        if (password != null && !password.isEmpty()) config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("magpie-db");
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setInitializationFailTimeout(10_000);
        if (dialect == Dialect.SQLITE) configureSqlite(config, jdbcUrl, connectionTimeoutMillis);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database " + dialect + ": " + rootMessage(e), e);
        }
        try {
            migrate(ds, dialect);
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot migrate the database schema: " + rootMessage(e), e);
        }
        Jdbi jdbi = Jdbi.create(ds);
        jdbi.define("for_update", dialect.forUpdate());
        if (dialect == Dialect.SQLITE) SqliteWriter.install(jdbi);
        if (dialect == Dialect.H2) {
            // Whatever the URL said: acknowledged means written (H2 keeps the setting in the file).
            try {
                jdbi.useHandle(h -> h.execute("SET WRITE_DELAY 0"));
            } catch (RuntimeException e) {
                log.warn("H2: cannot set WRITE_DELAY 0 ({}); commits may be lost if the process is killed", rootMessage(e));
            }
        }
        log.info("database ready: {}", dialect);
        SqliteCheckpoints checkpoints = dialect == Dialect.SQLITE ? SqliteCheckpoints.start(ds) : null;
        DatabaseHealth health = new DatabaseHealth(ds, java.time.Duration.ofMillis(250), retryAfterSeconds);
        return new Database(ds, dialect, jdbi, checkpoints, health);
    }

    /**
     * Every connection's pragmas (sqlite-jdbc sets them when it opens one): WAL, so readers never
     * wait for the writer; synchronous=NORMAL (see {@link #sqliteUrl}); foreign keys enforced as
     * on the other databases; transactions that take the write lock at BEGIN (see {@link
     * SqliteWriter}); a busy timeout for what still meets a writer (an autocommit write); and
     * checkpoints left to {@link SqliteCheckpoints}.
     */
    private static void configureSqlite(HikariConfig config, String jdbcUrl, int busyTimeoutMillis) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) file = file.substring(0, query);
        if (!file.isEmpty() && !file.equals(":memory:") && !file.startsWith("file:")) {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            try {
                if (parent != null) Files.createDirectories(parent);
            } catch (java.io.IOException e) {
                throw new StoreException("cannot create the database directory " + parent + ": " + e.getMessage(), e);
            }
        }
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("busy_timeout", String.valueOf(busyTimeoutMillis));
        config.setConnectionInitSql("PRAGMA wal_autocheckpoint=" + SqliteCheckpoints.FALLBACK_PAGES);
    }

    private static void migrate(DataSource ds, Dialect dialect) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .load()
                .migrate();
    }

    private static void closeQuietly(java.sql.Connection c) {
        try {
            c.close();
        } catch (java.sql.SQLException ignored) {
            // the pool's reset of a connection to a database that was just shut down
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Whether the database can be reached now. */
    public DatabaseHealth health() {
        return health;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        health.close();
        if (sqliteCheckpoints != null) sqliteCheckpoints.close();
        if (dialect == Dialect.H2) {
            // A clean H2 shutdown compacts nothing but flushes and releases the file lock at once.
            try {
                java.sql.Connection c = dataSource.getConnection();
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                } finally {
                    closeQuietly(c); // fails once the database is shut: expected
                }
            } catch (java.sql.SQLException e) {
                log.warn("H2 shutdown: {}", e.getMessage());
            }
        }
        dataSource.close();
    }
}
