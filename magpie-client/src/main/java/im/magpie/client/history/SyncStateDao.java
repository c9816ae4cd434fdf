package im.magpie.client.history;

import java.sql.Connection;
import java.sql.SQLException;

/** SQL of the one-row {@code sync_state} table. */
final class SyncStateDao {

  private SyncStateDao() {}

  static long lastSeq(Connection c) throws SQLException {
    return Database.queryLong(c, "SELECT last_seq FROM sync_state WHERE id = 1", 0);
  }

  static long friendListVersion(Connection c) throws SQLException {
    return Database.queryLong(c, "SELECT friend_list_version FROM sync_state WHERE id = 1", 0);
  }

  static void setFriendListVersion(Connection c, long version) throws SQLException {
    Database.update(c, "UPDATE sync_state SET friend_list_version = ? WHERE id = 1", version);
  }

  /** Raises the last synced sequence to {@code seq} if that is higher; returns the new value. */
  static long advance(Connection c, long seq) throws SQLException {
    if (seq < 0) {
      throw new IllegalArgumentException("negative sequence: " + seq);
    }
    Database.update(c, "UPDATE sync_state SET last_seq = max(last_seq, ?) WHERE id = 1", seq);
    return lastSeq(c);
  }
}
