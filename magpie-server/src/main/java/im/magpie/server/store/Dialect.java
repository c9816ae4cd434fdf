package im.magpie.server.store;

import java.util.Map;

/**
 * The databases Magpie runs on, and the few things that differ between them. Migrations are
 * written once in portable SQL; the differences are Flyway placeholders ({@code ${bytes}},
 * {@code ${text}}, {@code ${table_options}}).
 */
public enum Dialect {
    H2("VARBINARY(16777216)", "CHARACTER LARGE OBJECT", ""),
    POSTGRESQL("BYTEA", "TEXT", ""),
    MARIADB("MEDIUMBLOB", "MEDIUMTEXT", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");

    private final String bytesType;
    private final String textType;
    private final String tableOptions;

    Dialect(String bytesType, String textType, String tableOptions) {
        this.bytesType = bytesType;
        this.textType = textType;
        this.tableOptions = tableOptions;
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
