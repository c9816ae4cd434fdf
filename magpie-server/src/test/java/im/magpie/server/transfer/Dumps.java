package im.magpie.server.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: a dump's content as comparable values (bytes as hex, rows sorted). */
final class Dumps {
    private Dumps() {}

    /** Table name to its sorted rows, each row "column=value" strings. */
    static Map<String, List<String>> content(byte[] dump) {
        Map<String, List<String>> tables = new TreeMap<>();
        try (DumpReader in = new DumpReader(new ByteArrayInputStream(dump))) {
            String table = null;
            List<String> columns = null;
            while (true) {
                DumpReader.Item item = in.next();
                if (item instanceof DumpReader.End) break;
                if (item instanceof DumpReader.TableStart start) {
                    table = start.name();
                    columns = start.columns();
                    tables.put(table, new ArrayList<>());
                } else if (item instanceof DumpReader.Row row) {
                    Map<String, String> values = new TreeMap<>(); // column order may differ between databases
                    for (int i = 0; i < columns.size(); i++) values.put(columns.get(i), show(row.values()[i]));
                    tables.get(table).add(values.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tables.values().forEach(rows -> rows.sort(null));
        return tables;
    }

    static Map<String, Long> counts(Map<String, List<String>> content) {
        Map<String, Long> counts = new LinkedHashMap<>();
        content.forEach((t, rows) -> counts.put(t, (long) rows.size()));
        return counts;
    }

    private static String show(Object v) {
        if (v instanceof byte[] b) return "0x" + HexFormat.of().formatHex(b);
        return v == null ? "NULL" : v.toString();
    }

    static byte[] cut(byte[] dump, int keep) {
        return Arrays.copyOf(dump, keep);
    }
}
