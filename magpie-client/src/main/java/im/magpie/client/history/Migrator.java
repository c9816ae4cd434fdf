package im.magpie.client.history;

import im.magpie.client.history.HistoryStoreException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the newest schema version ({@code PRAGMA user_version}).
 *
 * <ul>
 *   <li>A new, empty file gets every migration; no backup (there is nothing to keep).
 *   <li>An existing database at an older version is first copied to
 *       {@code history.db.bak-v<old>} with {@code VACUUM INTO} (a consistent copy that includes
 *       the WAL), then migrated; if that name is taken, {@code .2}, {@code .3}, ... is appended.
 *   <li>All pending migrations run in one transaction together with the new
 *       {@code user_version}: a failed migration leaves the database at its old version.
 *   <li>A version newer than this code knows is refused ({@link Kind#NEWER_SCHEMA}); version 0
 *       with tables in it is not ours and is refused ({@link Kind#CORRUPT}), untouched.
 * </ul>
 */
final class Migrator {

  private static final Logger log = LoggerFactory.getLogger(Migrator.class);

  private final Database db;
  private final List<Migration> migrations;

  Migrator(Database db, List<Migration> migrations) {
    this.db = db;
    this.migrations = List.copyOf(migrations);
    for (int i = 0; i < this.migrations.size(); i++) {
      if (this.migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migrations must be numbered 1, 2, 3, ...");
      }
    }
  }

  int latestVersion() {
    return migrations.size();
  }

  /**
   * Reads the schema version without writing anything: the first read of the file, so a file
   * that is not a database fails here. Refuses newer versions and foreign databases.
   */
  int checkVersion() {
    int current = Math.toIntExact(
        db.read(c -> Database.queryLong(c, "PRAGMA user_version", 0), "open"));
    int latest = latestVersion();
    if (current > latest) {
      throw new HistoryStoreException(Kind.NEWER_SCHEMA, db.file(),
          SqliteErrors.message(Kind.NEWER_SCHEMA, db.file(), "open", null).replace(
              "newer version of Magpie", "newer version of Magpie (schema version " + current
                  + ", this version knows up to " + latest + ")"), null);
    }
    if (current == 0) {
      long objects = db.read(c -> Database.queryLong(c,
          "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'", 0), "open");
      if (objects > 0) {
        throw new HistoryStoreException(Kind.CORRUPT, db.file(),
            SqliteErrors.message(Kind.CORRUPT, db.file(), "open", null), null);
      }
    }
    return current;
  }

  /** Migrates from {@code current} (as returned by {@link #checkVersion()}) to the latest. */
  void migrate(int current) {
    int latest = latestVersion();
    if (current == latest) {
      return;
    }
    if (current > 0) {
      backup(current);
    }
    db.write(c -> {
      for (Migration m : migrations.subList(current, latest)) {
        if (current == 0) {
          log.debug("Creating history database {}: version {}, {}", db.file(), m.version(),
              m.description());
        } else {
          log.info("Migrating history database {} to version {}: {}", db.file(), m.version(),
              m.description());
        }
        apply(c, m);
      }
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA user_version = " + latest);
      }
      return null;
    }, "migrate the schema");
  }

  private static void apply(Connection c, Migration m) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : m.statements()) {
        s.execute(sql);
      }
    }
  }

  /** Copies the database to {@code history.db.bak-v<version>} before a migration. */
  Path backup(int version) {
    Path target = freeBackupName(version);
    db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
        ps.setString(1, target.toString());
        ps.execute();
      }
      return null;
    }, "back up before migrating");
    log.info("Backed up history database {} (schema version {}) to {}", db.file(), version,
        target);
    return target;
  }

  private Path freeBackupName(int version) {
    Path first = db.file().resolveSibling(db.file().getFileName() + ".bak-v" + version);
    Path candidate = first;
    for (int n = 2; Files.exists(candidate); n++) {
      candidate = first.resolveSibling(first.getFileName() + "." + n);
    }
    return candidate;
  }
}
