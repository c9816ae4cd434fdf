package im.magpie.client.history;

import java.util.List;
import java.util.Objects;

/**
 * One step of the local schema: applied when the database's {@code PRAGMA user_version} is below
 * {@code version}, after which {@code user_version} equals it.
 *
 * @param version 1, 2, 3, ... without gaps
 * @param description what the step does, for the log and the backup's reason
 * @param statements SQL statements run in order, in the migration's transaction
 */
record Migration(int version, String description, List<String> statements) {

  Migration {
    Objects.requireNonNull(description, "description");
    statements = List.copyOf(statements);
    if (version < 1) {
      throw new IllegalArgumentException("version must be positive: " + version);
    }
  }
}
