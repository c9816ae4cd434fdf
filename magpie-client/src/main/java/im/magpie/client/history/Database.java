package im.magpie.client.history;

import im.magpie.client.history.HistoryStoreException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite connection guarded by a lock: every use goes through {@link #read} or
 * {@link #write}, which hold the lock for the whole unit of work, so the connection is never used
 * by two threads at once. Writes run in one {@code BEGIN IMMEDIATE} transaction (the write lock is
 * taken up front, so waiting for another process follows the busy timeout instead of failing on
 * a lock upgrade). SQL failures become {@link HistoryStoreException}s.
 *
 * <p>Opening does, in order: read the header and schema version (a file that is not ours, or is
 * newer, is refused before anything is written to it); {@code journal_mode=WAL},
 * {@code synchronous=FULL} (an enqueued message survives a power cut), {@code foreign_keys=ON};
 * then the schema migrations, after a backup.
 */
final class Database implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** One unit of work on the connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private Database(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  static Database open(Path file, Duration busyTimeout, List<Migration> migrations) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new HistoryStoreException(Kind.IO, absolute,
          SqliteErrors.message(Kind.IO, absolute, "create its directory", e), e);
    }
    if (Files.isDirectory(absolute)) {
      throw new HistoryStoreException(Kind.IO, absolute,
          "The local history database " + absolute + " is a directory, not a file.", null);
    }
    Connection connection = connect(absolute, busyTimeout);
    Database db = new Database(absolute, connection);
    try {
      Migrator migrator = new Migrator(db, migrations);
      int version = migrator.checkVersion();
      db.configure();
      migrator.migrate(version);
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static Connection connect(Path file, Duration busyTimeout) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) busyTimeout.toMillis());
    try {
      return config.createConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw SqliteErrors.map(e, file, "open");
    }
  }

  private void configure() {
    read(c -> {
      try (Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
          String mode = rs.next() ? rs.getString(1) : "?";
          if (!"wal".equalsIgnoreCase(mode)) {
            log.warn("History database {} runs in journal mode {}, not WAL", file, mode);
          }
        }
        s.execute("PRAGMA synchronous = FULL");
        s.execute("PRAGMA foreign_keys = ON");
      }
      return null;
    }, "open");
  }

  Path file() {
    return file;
  }

  /** Runs {@code work} with auto-commit (each statement on its own), holding the lock. */
  <T> T read(Work<T> work, String action) {
    lock.lock();
    try {
      ensureOpen();
      return work.run(connection);
    } catch (SQLException e) {
      throw SqliteErrors.map(e, file, action);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code work} in one transaction, holding the lock: committed if it returns, rolled back
   * if it throws. Re-entrant calls from inside {@code work} are not allowed (use the connection).
   */
  <T> T write(Work<T> work, String action) {
    lock.lock();
    try {
      ensureOpen();
      if (lock.getHoldCount() > 1) {
        throw new IllegalStateException("nested history transaction");
      }
      // Explicit BEGIN/COMMIT on a connection left in JDBC auto-commit mode: sqlite-jdbc's own
      // setAutoCommit(false) keeps its flag even when the BEGIN fails (busy), and SQLite may roll a
      // transaction back by itself (e.g. SQLITE_FULL); plain SQL keeps both states the same.
      execute("BEGIN IMMEDIATE");
      try {
        T result = work.run(connection);
        execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(e);
        throw e;
      }
    } catch (SQLException e) {
      throw SqliteErrors.map(e, file, action);
    } finally {
      lock.unlock();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private void rollbackQuietly(Throwable failure) {
    try {
      if (!connection.isClosed()) {
        execute("ROLLBACK");
      }
    } catch (SQLException e) {
      // "no transaction is active" when SQLite already rolled back (SQLITE_FULL, SQLITE_BUSY).
      failure.addSuppressed(e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("history store is closed: " + file);
    }
  }

  /** Runs one statement with parameters, returning the update count. */
  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  /** Runs a query that returns one long, or {@code fallback} if it returns no row or NULL. */
  static long queryLong(Connection c, String sql, long fallback, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return fallback;
        }
        long value = rs.getLong(1);
        return rs.wasNull() ? fallback : value;
      }
    }
  }

  static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connection.close();
    } catch (SQLException e) {
      log.warn("Closing history database {} failed", file, e);
    } finally {
      lock.unlock();
    }
  }
}
