package im.magpie.server.transfer;

import im.magpie.server.store.Database;
import im.magpie.server.store.Dialect;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes every table of a Magpie database to a dump ({@link DumpWriter}), streaming: rows are read
 * with a cursor ({@link #FETCH_ROWS} at a time) and written as they come, so a table of any size
 * costs a few rows of memory. All tables are read in one repeatable-read transaction: on
 * PostgreSQL and MariaDB that is one snapshot, so a running server may go on writing meanwhile;
 * on an embedded database, stop the server first.
 */
public final class Exporter {
    static final int FETCH_ROWS = 1000;
    private static final int PROGRESS_EVERY_ROWS = 1000;

    /** {@code sessions}: include the logged-in devices (else everyone logs in again with their password). */
    public record Options(boolean sessions) {}

    private final Database database;
    private final Clock clock;

    public Exporter(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public TransferSummary export(OutputStream target, Options options, TransferListener listener) {
        try {
            SchemaInfo schema = SchemaInfo.of(database.dataSource());
            schema.checkAllKnown("source");
            try (Connection c = database.dataSource().getConnection()) {
                c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                // sqlite-jdbc fixes read-only when it opens a connection; there the transaction
                // holds the write lock instead (the server is stopped anyway).
                if (database.dialect() != Dialect.SQLITE) c.setReadOnly(true);
                try {
                    return export(c, schema, target, options, listener);
                } finally {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            throw new TransferException("export failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TransferException("cannot write the dump: " + e.getMessage(), e);
        }
    }

    private TransferSummary export(Connection c, SchemaInfo schema, OutputStream target, Options options,
            TransferListener listener) throws SQLException, IOException {
        String source = database.dialect().name().toLowerCase(Locale.ROOT);
        Map<String, Long> counts = new LinkedHashMap<>();
        DumpWriter out = new DumpWriter(target, source, schema.version(), clock.millis());
        for (TransferTables.Table table : TransferTables.all()) {
            if (!schema.has(table.name())) {
                if (table.mayBeAbsent()) continue;
                throw new TransferException("the source database has no table " + table.name()
                        + " (not a Magpie database, or an older schema: start this Magpie's server on it once)");
            }
            if (TransferTables.SESSIONS.equals(table.optionalGroup()) && !options.sessions()) continue;
            counts.put(table.name(), exportTable(c, table, out, listener));
        }
        out.finish();
        return new TransferSummary(source, schema.version(), counts);
    }

    private static long exportTable(Connection c, TransferTables.Table table, DumpWriter out, TransferListener listener)
            throws SQLException, IOException {
        long expected;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table.name())) {
            rs.next();
            expected = rs.getLong(1);
        }
        listener.tableStarted(table.name(), expected);
        long rows = 0;
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH_ROWS);
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table.name() + " ORDER BY " + table.orderBy())) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<String> columns = new ArrayList<>(n);
                List<ColumnKind> kinds = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                    columns.add(column);
                    kinds.add(ColumnKind.ofJdbcType(meta.getColumnType(i), table.name(), column));
                }
                out.startTable(table.name(), expected, columns, kinds);
                Object[] values = new Object[n];
                while (rs.next()) {
                    for (int i = 0; i < n; i++) values[i] = read(rs, i + 1, kinds.get(i));
                    out.row(values);
                    if (++rows % PROGRESS_EVERY_ROWS == 0) listener.rowsCopied(PROGRESS_EVERY_ROWS);
                }
            }
        }
        listener.rowsCopied(rows % PROGRESS_EVERY_ROWS);
        out.endTable(rows);
        listener.tableFinished(table.name(), rows);
        return rows;
    }

    private static Object read(ResultSet rs, int column, ColumnKind kind) throws SQLException {
        Object v = switch (kind) {
            case INTEGER -> rs.getLong(column);
            case BOOLEAN -> rs.getBoolean(column);
            case TEXT -> rs.getString(column);
            case BYTES -> rs.getBytes(column);
        };
        return rs.wasNull() ? null : v;
    }
}
