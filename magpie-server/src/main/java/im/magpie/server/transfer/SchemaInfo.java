package im.magpie.server.transfer;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** What a database's schema holds: its data tables (lower case) and the Flyway version it is at. */
record SchemaInfo(Set<String> tables, String version) {

    /** Reads it with connections of its own: call it before holding one (Flyway may need two). */
    static SchemaInfo of(DataSource ds) throws SQLException {
        String version = version(ds);
        try (Connection c = ds.getConnection()) {
            return new SchemaInfo(dataTables(c), version);
        }
    }

    /** Fails on a table {@link TransferTables} does not list, so no table is silently left behind. */
    void checkAllKnown(String where) {
        for (String t : tables) {
            if (TransferTables.named(t).isEmpty()) {
                throw new TransferException("the " + where + " database has a table the transfer does not know: " + t
                        + " (add it to im.magpie.server.transfer.TransferTables)");
            }
        }
    }

    boolean has(String table) {
        return tables.contains(table);
    }

    private static Set<String> dataTables(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Set<String> names = new TreeSet<>();
        // MariaDB keeps tables in catalogs (databases) and has no schemas; H2 and PostgreSQL in schemas.
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", null)) {
            while (rs.next()) {
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                if (!type.equals("TABLE") && !type.equals("BASE TABLE")) continue;
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (TransferTables.isData(name)) names.add(name);
            }
        }
        return names;
    }

    private static String version(DataSource ds) {
        MigrationInfo current = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().info().current();
        if (current == null || current.getVersion() == null) {
            throw new TransferException("the database has no Magpie schema (start a Magpie server on it once, or "
                    + "let the import create it)");
        }
        return current.getVersion().getVersion();
    }
}
