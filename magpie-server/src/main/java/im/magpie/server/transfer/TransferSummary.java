package im.magpie.server.transfer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an export or import moved: rows per table in the order copied, the source's database and
 * schema version.
 */
public record TransferSummary(String sourceDatabase, String schemaVersion, Map<String, Long> rowsPerTable) {
    public TransferSummary {
        rowsPerTable = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerTable));
    }

    public long totalRows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
