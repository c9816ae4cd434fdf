package im.magpie.server.transfer;

import im.magpie.server.store.Database;
import im.magpie.server.store.IdGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills an empty Magpie database from a dump ({@link DumpReader}), streaming: rows are inserted in
 * batches of {@link #BATCH_ROWS}, each committed, so a dump of any size costs a batch of memory.
 * The target must be at the dump's schema version (the importing Magpie migrates it first) and
 * empty, unless {@link Options#replace()} says to delete what it holds. Ids are copied as they
 * are; since the server's ids start with the time they were made, the import checks that this
 * machine's clock is past the newest imported id, so a server started here makes no id twice.
 * An import that fails part way leaves the rows of the batches committed so far: run it again
 * with {@code replace} to start over.
 */
public final class Importer {
    static final int BATCH_ROWS = 500;

    /** {@code replace}: delete the target's rows first instead of refusing a database that has any. */
    public record Options(boolean replace) {}

    private final Database database;
    private final Clock clock;

    public Importer(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public TransferSummary importDump(InputStream source, Options options, TransferListener listener) {
        try (DumpReader in = new DumpReader(source)) {
            SchemaInfo schema = SchemaInfo.of(database.dataSource());
            schema.checkAllKnown("target");
            try (Connection c = database.dataSource().getConnection()) {
                c.setAutoCommit(false);
                return importDump(in, c, schema, options, listener);
            }
        } catch (SQLException e) {
            throw new TransferException("import failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TransferException("cannot read the dump: " + e.getMessage(), e);
        }
    }

    private TransferSummary importDump(DumpReader in, Connection c, SchemaInfo schema, Options options,
            TransferListener listener) throws IOException, SQLException {
        DumpReader.Header header = in.header();
        if (!header.schemaVersion().equals(schema.version())) {
            throw new TransferException("the dump is of schema version " + header.schemaVersion()
                    + " but this Magpie's is " + schema.version() + ": export and import with the same Magpie version");
        }
        prepareTarget(c, schema, options);
        Map<String, Long> counts = new LinkedHashMap<>();
        long newestId = copyTables(in, c, schema, listener, counts);
        checkClockPasses(newestId);
        return new TransferSummary(header.sourceDatabase(), header.schemaVersion(), counts);
    }

    private static void prepareTarget(Connection c, SchemaInfo schema, Options options) throws SQLException {
        List<TransferTables.Table> tables = TransferTables.all().stream().filter(t -> schema.has(t.name())).toList();
        for (TransferTables.Table t : tables) {
            if (!hasRows(c, t.name())) continue;
            if (!options.replace()) throw new TransferException.TargetNotEmpty(t.name());
            for (int i = tables.size() - 1; i >= 0; i--) { // children before the parents their keys point at
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM " + tables.get(i).name());
                }
            }
            c.commit();
            return;
        }
    }

    private static boolean hasRows(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM " + table)) {
                return rs.next();
            }
        }
    }

    /** Copies every table of the dump; returns the newest generated id seen (0 if none). */
    private static long copyTables(DumpReader in, Connection c, SchemaInfo schema, TransferListener listener,
            Map<String, Long> counts) throws IOException, SQLException {
        long newestId = 0;
        while (true) {
            DumpReader.Item item = in.next();
            if (item instanceof DumpReader.End end) {
                if (end.tables() != counts.size()) throw new TransferException("the dump is damaged (table count)");
                return newestId;
            }
            if (!(item instanceof DumpReader.TableStart start)) {
                throw new TransferException("the dump is damaged (expected a table, found " + item.getClass().getSimpleName() + ")");
            }
            TransferTables.Table table = TransferTables.named(start.name())
                    .orElseThrow(() -> new TransferException("the dump has a table this Magpie does not know: " + start.name()));
            if (!schema.has(table.name())) {
                throw new TransferException("the dump has table " + table.name() + " but the target database does not");
            }
            TableCopy copy = new TableCopy(c, table, start, listener);
            counts.put(table.name(), copy.run(in));
            newestId = Math.max(newestId, copy.newestId);
        }
    }

    private void checkClockPasses(long newestId) {
        if (newestId == 0) return;
        long madeAt = IdGenerator.millisOf(newestId);
        if (madeAt > clock.millis()) {
            throw new TransferException("the data was imported, but its newest id was made at " + Instant.ofEpochMilli(madeAt)
                    + ", after this machine's clock (" + Instant.ofEpochMilli(clock.millis()) + "): correct the clock, "
                    + "or wait until then before starting a server on this database, or new ids could repeat old ones");
        }
    }

    /** One table's rows: batched inserts converted to the target's column types. */
    private static final class TableCopy {
        private final Connection c;
        private final TransferTables.Table table;
        private final DumpReader.TableStart start;
        private final TransferListener listener;
        private final int[] targetTypes;
        private final ColumnKind[] targetKinds;
        private final int idIndex;
        long newestId;

        TableCopy(Connection c, TransferTables.Table table, DumpReader.TableStart start, TransferListener listener)
                throws SQLException {
            this.c = c;
            this.table = table;
            this.start = start;
            this.listener = listener;
            Map<String, Integer> types = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table.name() + " WHERE 1 = 0")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    types.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
                }
            }
            int n = start.columns().size();
            targetTypes = new int[n];
            targetKinds = new ColumnKind[n];
            for (int i = 0; i < n; i++) {
                String column = start.columns().get(i);
                Integer type = types.get(column);
                if (type == null) {
                    throw new TransferException("the dump has column " + table.name() + "." + column + " but the target does not");
                }
                targetTypes[i] = type;
                targetKinds[i] = ColumnKind.ofJdbcType(type, table.name(), column);
            }
            idIndex = table.idColumn() == null ? -1 : start.columns().indexOf(table.idColumn());
        }

        long run(DumpReader in) throws IOException, SQLException {
            listener.tableStarted(table.name(), start.expectedRows());
            String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", start.columns()) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(start.columns().size(), "?")) + ")";
            long rows = 0;
            int pending = 0;
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                while (true) {
                    DumpReader.Item item = in.next();
                    if (item instanceof DumpReader.TableEnd end) {
                        if (pending > 0) flush(insert, pending);
                        if (end.rows() != rows) {
                            throw new TransferException("the dump is damaged (" + table.name() + ": " + rows + " rows, "
                                    + end.rows() + " announced)");
                        }
                        listener.tableFinished(table.name(), rows);
                        return rows;
                    }
                    if (!(item instanceof DumpReader.Row row)) {
                        throw new TransferException("the dump is damaged (" + table.name() + " does not end)");
                    }
                    bind(insert, row.values());
                    insert.addBatch();
                    rows++;
                    if (++pending == BATCH_ROWS) {
                        flush(insert, pending);
                        pending = 0;
                    }
                }
            }
        }

        private void flush(PreparedStatement insert, int rows) throws SQLException {
            try {
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new TransferException("import of " + table.name() + " failed: " + e.getMessage()
                        + " (rows committed so far stay: run again with --force to start over)", e);
            }
            listener.rowsCopied(rows);
        }

        private void bind(PreparedStatement insert, Object[] values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                int p = i + 1;
                if (v == null) {
                    insert.setNull(p, targetTypes[i]);
                    continue;
                }
                switch (targetKinds[i]) {
                    case BOOLEAN -> insert.setBoolean(p, v instanceof Boolean b ? b : ((Long) v) != 0);
                    case INTEGER -> insert.setLong(p, v instanceof Long l ? l : ((Boolean) v ? 1 : 0));
                    case TEXT -> insert.setString(p, text(v, i));
                    case BYTES -> insert.setBytes(p, bytes(v, i));
                }
                if (i == idIndex && v instanceof Long id) newestId = Math.max(newestId, id);
            }
        }

        private String text(Object v, int i) {
            if (v instanceof String s) return s;
            throw mismatch(i);
        }

        private byte[] bytes(Object v, int i) {
            if (v instanceof byte[] b) return b;
            throw mismatch(i);
        }

        private TransferException mismatch(int i) {
            return new TransferException("column " + table.name() + "." + start.columns().get(i) + " is "
                    + start.kinds().get(i) + " in the dump but " + targetKinds[i] + " in the target");
        }
    }
}
