package im.magpie.client.history;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A failure of the local history database, with a {@link Kind} a caller can act on and a message
 * a person can read (it names the database file).
 *
 * <p>The store never deletes, truncates or overwrites a database it cannot read: after a
 * {@link Kind#CORRUPT} failure the file is exactly as it was.
 */
public final class HistoryStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, by what the caller can do about it. */
  public enum Kind {
    /** The file is damaged or is not a SQLite database. Move it aside; nothing was changed. */
    CORRUPT,
    /** Another process or connection held the database longer than the busy timeout. Retry. */
    LOCKED,
    /** The disk (or the database's size limit) is full. Free space, then retry. */
    DISK_FULL,
    /** An operating-system level error: permissions, missing directory, read/write error. */
    IO,
    /** The file was written by a newer Magpie with a newer schema; this version cannot use it. */
    NEWER_SCHEMA,
    /** Anything else: a bug in Magpie (e.g. a violated constraint). */
    INTERNAL
  }

  private final Kind kind;
  private final transient Path file;

  public HistoryStoreException(Kind kind, Path file, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.file = file;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The database file concerned, or {@code null} if unknown. */
  public Path file() {
    return file;
  }
}
