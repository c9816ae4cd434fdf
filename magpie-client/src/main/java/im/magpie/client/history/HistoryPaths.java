package im.magpie.client.history;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an account's history database lives:
 * {@code <profileDir>/accounts/<host>_<port>/<username>/history.db}.
 *
 * <p>Host and username are lower-cased (both are case-insensitive) and every character outside
 * {@code a-z 0-9 . _ -} becomes {@code _}, so an IPv6 address or an odd name cannot escape the
 * profile directory or produce a name the file system refuses.
 */
public final class HistoryPaths {

  /** The database file's name. */
  public static final String DATABASE_FILE_NAME = "history.db";

  private HistoryPaths() {}

  /** The database file of {@code username} on server {@code host:port}. */
  public static Path databaseFile(Path profileDir, String host, int port, String username) {
    Objects.requireNonNull(profileDir, "profileDir");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    return profileDir
        .resolve("accounts")
        .resolve(safeName(host) + "_" + port)
        .resolve(safeName(username))
        .resolve(DATABASE_FILE_NAME);
  }

  static String safeName(String raw) {
    Objects.requireNonNull(raw, "name");
    String lower = raw.strip().toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
          || c == '-';
      out.append(safe ? c : '_');
    }
    String name = out.toString();
    return name.chars().allMatch(c -> c == '.') ? name.replace('.', '_') : name;
  }
}
