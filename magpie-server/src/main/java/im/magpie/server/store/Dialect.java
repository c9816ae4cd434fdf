package im.magpie.server.store;

import java.util.Map;

/**
 * The databases Magpie runs on, and the few things that differ between them. Migrations are
 * written once in portable SQL; the differences are Flyway placeholders ({@code ${bytes}},
 * {@code ${text}}, {@code ${table_options}}).
 */
public enum Dialect {
    // H2 checks every row a query returns against its whole IN list again, one value after the
    // other, so a list of n keys costs n * n comparisons: it gets short lists. The server databases
    // do not, and pay a network round trip per query instead: they get long ones.
    H2("VARBINARY(16777216)", "CHARACTER LARGE OBJECT", "", 32),
    POSTGRESQL("BYTEA", "TEXT", "", 512),
    MARIADB("MEDIUMBLOB", "MEDIUMTEXT", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", 512);

    private final String bytesType;
    private final String textType;
    private final String tableOptions;
    private final int keysPerQuery;

    Dialect(String bytesType, String textType, String tableOptions, int keysPerQuery) {
        this.bytesType = bytesType;
        this.textType = textType;
        this.tableOptions = tableOptions;
        this.keysPerQuery = keysPerQuery;
    }

    /**
     * The most keys one batch lookup on a hot path carries (an IN list, or point lookups joined
     * with UNION ALL); more keys take more queries. A power of two.
     */
    public int keysPerQuery() {
        return keysPerQuery;
    }

    public static Dialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:h2:")) return H2;
        if (url.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) return MARIADB;
        throw new IllegalArgumentException("unsupported database URL (use jdbc:h2:, jdbc:postgresql:, "
                + "jdbc:mariadb: or jdbc:mysql:): " + url.replaceAll("password=[^&;]*", "password=***"));
    }

    Map<String, String> placeholders() {
        return Map.of("bytes", bytesType, "text", textType, "table_options", tableOptions);
    }
}
