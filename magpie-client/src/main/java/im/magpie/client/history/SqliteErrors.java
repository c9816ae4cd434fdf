package im.magpie.client.history;

import im.magpie.client.history.HistoryStoreException.Kind;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** Maps sqlite-jdbc failures to {@link HistoryStoreException}s with readable messages. */
final class SqliteErrors {

  // Primary result codes, https://www.sqlite.org/rescode.html
  private static final int SQLITE_PERM = 3;
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  private SqliteErrors() {}

  /** The kind of a failure, from the primary SQLite result code (extended codes included). */
  static Kind kindOf(SQLException e) {
    int code = resultCode(e);
    return switch (code & 0xFF) {
      case SQLITE_CORRUPT, SQLITE_NOTADB -> Kind.CORRUPT;
      case SQLITE_BUSY, SQLITE_LOCKED -> Kind.LOCKED;
      case SQLITE_FULL -> Kind.DISK_FULL;
      case SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN -> Kind.IO;
      default -> Kind.INTERNAL;
    };
  }

  static HistoryStoreException map(SQLException e, Path file, String action) {
    Kind kind = kindOf(e);
    return new HistoryStoreException(kind, file, message(kind, file, action, e), e);
  }

  static String message(Kind kind, Path file, String action, Exception cause) {
    String detail = cause == null ? "" : " (" + cause.getMessage() + ")";
    return switch (kind) {
      case CORRUPT -> "The local history database " + file + " is damaged or is not a Magpie"
          + " history database" + detail + ". It was left untouched. Move it aside (for example"
          + " rename it to " + file.getFileName() + ".damaged, together with any -wal and -shm"
          + " files beside it) and Magpie will start a new one and sync recent messages again.";
      case LOCKED -> "The local history database " + file + " is in use by another program or"
          + " another Magpie window (" + action + " timed out)" + detail + ". Close the other"
          + " program or try again.";
      case DISK_FULL -> "The disk holding the local history database " + file + " is full ("
          + action + " failed)" + detail + ". Free some space and try again.";
      case IO -> "Could not read or write the local history database " + file + " (" + action
          + ")" + detail + ". Check that the directory exists and is writable.";
      case NEWER_SCHEMA -> "The local history database " + file + " was written by a newer"
          + " version of Magpie" + detail + ". Update Magpie, or move the file aside.";
      case INTERNAL -> "Unexpected error in the local history database " + file + " ("
          + action + ")" + detail + ".";
    };
  }

  private static int resultCode(SQLException e) {
    if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != null) {
      return sqlite.getResultCode().code;
    }
    return e.getErrorCode();
  }
}
