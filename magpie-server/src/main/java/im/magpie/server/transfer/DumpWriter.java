package im.magpie.server.transfer;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a dump: a gzip stream of typed records, independent of the database that wrote it.
 * <pre>
 * header:  "MAGPIE-DUMP" version(int) source-database(str) schema-version(str) exported-ms(long)
 * table:   1 name(str) expected-rows(long) column-count(int) [name(str) kind(byte)]...
 * row:     2 [present(byte) value]...        (value: long | boolean | str | bytes by the column's kind)
 * end of table: 3 row-count(long)
 * end of dump:  4 table-count(int)
 * </pre>
 * str and bytes are an int length and the bytes (strings in UTF-8). A file that stops before the
 * end record is refused by {@link DumpReader}, so a cut copy is never imported as if whole.
 */
final class DumpWriter implements AutoCloseable {
    static final String MAGIC = "MAGPIE-DUMP";
    static final int VERSION = 1;
    static final int TABLE = 1, ROW = 2, TABLE_END = 3, END = 4;

    private final GZIPOutputStream gzip;
    private final DataOutputStream out;
    private List<ColumnKind> kinds;
    private int tables;

    DumpWriter(OutputStream target, String sourceDatabase, String schemaVersion, long exportedMs) throws IOException {
        this.gzip = new GZIPOutputStream(target, 1 << 16);
        this.out = new DataOutputStream(new BufferedOutputStream(gzip, 1 << 16));
        writeString(MAGIC);
        out.writeInt(VERSION);
        writeString(sourceDatabase);
        writeString(schemaVersion);
        out.writeLong(exportedMs);
    }

    void startTable(String name, long expectedRows, List<String> columns, List<ColumnKind> kinds) throws IOException {
        this.kinds = kinds;
        out.writeByte(TABLE);
        writeString(name);
        out.writeLong(expectedRows);
        out.writeInt(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            writeString(columns.get(i));
            out.writeByte(kinds.get(i).code);
        }
    }

    /** One row; {@code values[i]} is null or a Long, Boolean, String or byte[] as column i's kind says. */
    void row(Object[] values) throws IOException {
        out.writeByte(ROW);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                out.writeByte(0);
                continue;
            }
            out.writeByte(1);
            switch (kinds.get(i)) {
                case INTEGER -> out.writeLong((Long) v);
                case BOOLEAN -> out.writeBoolean((Boolean) v);
                case TEXT -> writeString((String) v);
                case BYTES -> writeBytes((byte[]) v);
            }
        }
    }

    void endTable(long rows) throws IOException {
        out.writeByte(TABLE_END);
        out.writeLong(rows);
        tables++;
    }

    /** Writes the end record and finishes the gzip stream (does not close the target). */
    void finish() throws IOException {
        out.writeByte(END);
        out.writeInt(tables);
        out.flush();
        gzip.finish();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeString(String s) throws IOException {
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void writeBytes(byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }
}
