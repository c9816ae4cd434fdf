package im.magpie.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database backend for tests: embedded H2 always; the real PostgreSQL and MariaDB when
 * {@code MAGPIE_TEST_POSTGRES_URL} / {@code MAGPIE_TEST_MARIADB_URL} (system properties
 * {@code magpie.test.postgres.url} / {@code magpie.test.mariadb.url}) are set. Each
 * {@link #create()} makes a fresh, empty database so tests (and engineers running them at the same
 * time) never see each other's rows. A backend that is asked for but unreachable fails the test.
 */
public enum TestDatabase {
    H2(null),
    POSTGRESQL("magpie.test.postgres.url"),
    MARIADB("magpie.test.mariadb.url");

    private final String property;

    TestDatabase(String property) {
        this.property = property;
    }

    /** The backends this run tests on: H2, plus each service-backed one that was asked for. */
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

    /** A fresh database; returns its JDBC URL, or null for H2 (the server's embedded default). */
    public Created create() {
        if (this == H2) return new Created(null, () -> {});
        String admin = adminUrl();
        String name = "magpie_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String createSql = this == MARIADB
                ? "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                : "CREATE DATABASE " + name;
        execute(admin, createSql);
        String url = withDatabase(admin, name);
        return new Created(url, () -> execute(admin, "DROP DATABASE IF EXISTS " + name));
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
