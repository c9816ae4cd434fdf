package im.magpie.client.history;

import java.sql.ResultSet;
import java.sql.Statement;

/** Test hooks that make a store's database misbehave like a full disk. */
public final class StoreFaults {
    private StoreFaults() {}

    /** Limits the database to {@code pages} pages ({@code PRAGMA max_page_count}): more is "disk full". */
    public static void limitPages(HistoryStore store, long pages) {
        store.database().read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        }, "test: limit size");
    }

    public static long pageCount(HistoryStore store) {
        return store.database().read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                rs.next();
                return rs.getLong(1);
            }
        }, "test: page count");
    }
}
