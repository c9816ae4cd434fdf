package im.magpie.testkit;

import im.magpie.server.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database backend for tests: the two embedded ones (SQLite, H2) always; the real PostgreSQL and MariaDB when
 * {@code MAGPIE_TEST_POSTGRES_URL} / {@code MAGPIE_TEST_MARIADB_URL} (system properties
 * {@code magpie.test.postgres.url} / {@code magpie.test.mariadb.url}) are set. Each
 * {@link #create()} makes a fresh, empty database so tests (and engineers running them at the same
 * time) never see each other's rows. A backend that is asked for but unreachable fails the test.
 */
public enum TestDatabase {
    SQLITE(null),
    H2(null),
    POSTGRESQL("magpie.test.postgres.url"),
    MARIADB("magpie.test.mariadb.url");

    private final String property;

    TestDatabase(String property) {
        this.property = property;
    }

    /** The server's embedded default: the backend a server gets when it is given no database URL. */
    public static final TestDatabase EMBEDDED_DEFAULT = SQLITE;

    /** The backends this run tests on: SQLite and H2, plus each service-backed one that was asked for. */
    public static List<TestDatabase> enabled() {
        List<TestDatabase> list = new ArrayList<>();
        for (TestDatabase db : values()) {
            if (db.isEnabled()) list.add(db);
        }
        return list;
    }

    public boolean isEnabled() {
        return property == null || adminUrl() != null;
    }

    private String adminUrl() {
        if (property == null) return null;
        String url = System.getProperty(property);
        if (url == null || url.isBlank() || url.startsWith("${")) {
            url = System.getenv(property.replace("magpie.test.", "MAGPIE_TEST_").replace('.', '_').toUpperCase());
        }
        return url == null || url.isBlank() || url.startsWith("${") ? null : url;
    }

    /**
     * A fresh database; returns its JDBC URL, or null for the server's embedded default (which
     * the server then keeps in its data directory).
     */
    public Created create() {
        if (this == EMBEDDED_DEFAULT) return new Created(null, () -> {});
        if (property == null) return embeddedElsewhere();
        String admin = adminUrl();
        String name = "magpie_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String createSql = this == MARIADB
                ? "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                : "CREATE DATABASE " + name;
        execute(admin, createSql);
        String url = withDatabase(admin, name);
        return new Created(url, () -> execute(admin, "DROP DATABASE IF EXISTS " + name));
    }

    /** The embedded backend that is not the default, named by its URL in a directory of its own. */
    private Created embeddedElsewhere() {
        Path dir;
        try {
            dir = Files.createTempDirectory("magpie-db-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = this == SQLITE ? Database.sqliteUrl(dir) : Database.h2Url(dir);
        return new Created(url, () -> TestServer.deleteRecursively(dir));
    }

    /** A database made for one test, dropped by {@link #close()}. */
    public record Created(String jdbcUrl, Runnable dropper) implements AutoCloseable {
        @Override
        public void close() {
            dropper.run();
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database at " + url + " is unreachable or refused '" + sql
                    + "': " + e.getMessage(), e);
        }
    }

    /** Replaces the database name in a URL like jdbc:postgresql://host:port/db?params. */
    static String withDatabase(String url, String name) {
        int schemeEnd = url.indexOf("//");
        int pathStart = url.indexOf('/', schemeEnd + 2);
        int query = url.indexOf('?');
        String base = pathStart < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, pathStart);
        String params = query < 0 ? "" : url.substring(query);
        return base + "/" + name + params;
    }
}
