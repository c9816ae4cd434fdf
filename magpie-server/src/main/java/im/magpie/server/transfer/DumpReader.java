package im.magpie.server.transfer;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a dump written by {@link DumpWriter}, one record at a time (a table of any size costs one
 * row of memory). Anything that is not a whole dump (another file, a cut copy, a corrupt length)
 * fails with a {@link TransferException} naming what was wrong.
 */
final class DumpReader implements AutoCloseable {
    /** The largest string or byte value a reader accepts (the schema's largest column is 16 MiB). */
    private static final int MAX_VALUE_BYTES = 64 << 20;

    record Header(String sourceDatabase, String schemaVersion, long exportedMs) {}

    sealed interface Item permits TableStart, Row, TableEnd, End {}

    record TableStart(String name, long expectedRows, List<String> columns, List<ColumnKind> kinds) implements Item {}

    record Row(Object[] values) implements Item {}

    record TableEnd(long rows) implements Item {}

    record End(int tables) implements Item {}

    private final DataInputStream in;
    private final Header header;
    private List<ColumnKind> kinds;

    DumpReader(InputStream source) throws IOException {
        try {
            this.in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(source, 1 << 16), 1 << 16));
            String magic = readString(64);
            if (!DumpWriter.MAGIC.equals(magic)) throw notADump();
        } catch (IOException | TransferException e) {
            throw notADump();
        }
        int version = in.readInt();
        if (version != DumpWriter.VERSION) {
            throw new TransferException("this dump has format version " + version + "; this Magpie reads version "
                    + DumpWriter.VERSION);
        }
        header = new Header(readString(MAX_VALUE_BYTES), readString(MAX_VALUE_BYTES), in.readLong());
    }

    Header header() {
        return header;
    }

    Item next() throws IOException {
        int tag;
        try {
            tag = in.readUnsignedByte();
        } catch (EOFException | ZipException e) {
            throw new TransferException("the dump ends early (a cut or unfinished copy?)", e);
        }
        try {
            return switch (tag) {
                case DumpWriter.TABLE -> tableStart();
                case DumpWriter.ROW -> row();
                case DumpWriter.TABLE_END -> new TableEnd(in.readLong());
                case DumpWriter.END -> new End(in.readInt());
                default -> throw new TransferException("the dump is damaged (record type " + tag + ")");
            };
        } catch (EOFException | ZipException e) {
            throw new TransferException("the dump ends early (a cut or unfinished copy?)", e);
        }
    }

    private TableStart tableStart() throws IOException {
        String name = readString(256);
        long expected = in.readLong();
        int n = in.readInt();
        if (n <= 0 || n > 1000) throw new TransferException("the dump is damaged (" + n + " columns in " + name + ")");
        List<String> columns = new ArrayList<>(n);
        List<ColumnKind> ks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(readString(256));
            ks.add(ColumnKind.ofCode(in.readUnsignedByte()));
        }
        kinds = List.copyOf(ks);
        return new TableStart(name, expected, List.copyOf(columns), kinds);
    }

    private Row row() throws IOException {
        if (kinds == null) throw new TransferException("the dump is damaged (a row outside a table)");
        Object[] values = new Object[kinds.size()];
        for (int i = 0; i < values.length; i++) {
            if (in.readUnsignedByte() == 0) continue;
            values[i] = switch (kinds.get(i)) {
                case INTEGER -> in.readLong();
                case BOOLEAN -> in.readBoolean();
                case TEXT -> readString(MAX_VALUE_BYTES);
                case BYTES -> readBytes(MAX_VALUE_BYTES);
            };
        }
        return new Row(values);
    }

    private String readString(int max) throws IOException {
        return new String(readBytes(max), StandardCharsets.UTF_8);
    }

    private byte[] readBytes(int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) throw new TransferException("the dump is damaged (a value of " + n + " bytes)");
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static TransferException notADump() {
        return new TransferException("not a Magpie dump (made by 'magpie admin export')");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
