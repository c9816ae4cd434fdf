package im.magpie.server.store;

import java.util.Map;

/**
 * The databases Magpie runs on, and the few things that differ between them. Migrations are
 * written once in portable SQL; the differences are Flyway placeholders ({@code ${bytes}},
 * {@code ${text}}, {@code ${table_options}}), how many keys a lookup on the send path puts
 * into one query, and whether a locking read says FOR UPDATE.
 */
public enum Dialect {
    // H2 runs in this process, so a query costs no round trip, but it checks every row a query
    // returns against its whole IN list again, one value after the other (n keys cost n * n
    // comparisons), and it parsed a UNION ALL query anew each time (both seen in profiles of the
    // send writer, docs/benchmarks.md, sixth round): short IN lists, and a point lookup prepared
    // once and run again for each key. The server databases pay a network round trip per query
    // and neither of those costs: long lists, many lookups in one query.
    H2("VARBINARY(16777216)", "CHARACTER LARGE OBJECT", "", 32, 1, " FOR UPDATE"),
    // SQLite also runs in this process; it probes the index once per IN-list key. It has one
    // writer at a time, so a write transaction locks the whole database and FOR UPDATE (which it
    // does not parse) has nothing left to add.
    SQLITE("BLOB", "TEXT", "", 64, 32, ""),
    POSTGRESQL("BYTEA", "TEXT", "", 512, 512, " FOR UPDATE"),
    MARIADB("MEDIUMBLOB", "MEDIUMTEXT", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", 512, 512, " FOR UPDATE");

    private final String bytesType;
    private final String textType;
    private final String tableOptions;
    private final int keysPerInList;
    private final int lookupsPerQuery;
    private final String forUpdate;

    Dialect(String bytesType, String textType, String tableOptions, int keysPerInList, int lookupsPerQuery, String forUpdate) {
        this.bytesType = bytesType;
        this.textType = textType;
        this.tableOptions = tableOptions;
        this.keysPerInList = keysPerInList;
        this.lookupsPerQuery = lookupsPerQuery;
        this.forUpdate = forUpdate;
    }

    /**
     * What ends a SELECT that locks the rows it reads until the transaction ends: " FOR UPDATE",
     * or nothing where the transaction holds the whole database already. Stores write it as
     * {@code <for_update>} ({@link Database} defines it on its Jdbi).
     */
    public String forUpdate() {
        return forUpdate;
    }

    /** The most keys in one IN list on a hot path; more keys take more queries. A power of two. */
    public int keysPerInList() {
        return keysPerInList;
    }

    /** The most point lookups joined with UNION ALL into one query on a hot path. A power of two. */
    public int lookupsPerQuery() {
        return lookupsPerQuery;
    }

    public static Dialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:h2:")) return H2;
        if (url.startsWith("jdbc:sqlite:")) return SQLITE;
        if (url.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) return MARIADB;
        throw new IllegalArgumentException("unsupported database URL (use jdbc:sqlite:, jdbc:h2:, "
                + "jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:): " + url.replaceAll("password=[^&;]*", "password=***"));
    }

    Map<String, String> placeholders() {
        return Map.of("bytes", bytesType, "text", textType, "table_options", tableOptions);
    }
}
