package im.magpie.client.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** SQL of {@link NoticeBox}; runs inside the caller's transaction. */
final class NoticeDao {

  private NoticeDao() {}

  /** Keeps notices (a sequence already kept is left as it is), then trims to the bound. */
  static void keep(Connection c, List<NoticeRecord> notices, int maxKept) throws SQLException {
    for (NoticeRecord n : notices) {
      Database.update(c, "INSERT OR IGNORE INTO notices (seq, time_ms, kind, payload, seen) "
          + "VALUES (?, ?, ?, ?, ?)", n.seq(), n.timeMs(), n.kind(), n.payload(), n.seen() ? 1 : 0);
    }
    if (!notices.isEmpty()) {
      trim(c, maxKept);
    }
  }

  /** Drops the oldest seen notices, then (only past the bound) the oldest unseen ones. */
  static void trim(Connection c, int maxKept) throws SQLException {
    long excess = Database.queryLong(c, "SELECT count(*) FROM notices", 0) - maxKept;
    if (excess > 0) {
      Database.update(c, "DELETE FROM notices WHERE seq IN "
          + "(SELECT seq FROM notices ORDER BY seen DESC, seq ASC LIMIT ?)", excess);
    }
  }

  static List<NoticeRecord> unseen(Connection c, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, time_ms, kind, payload, seen "
        + "FROM notices WHERE seen = 0 ORDER BY seq LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<NoticeRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new NoticeRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4),
              rs.getInt(5) != 0));
        }
        return out;
      }
    }
  }

  static int markSeen(Connection c, Collection<Long> seqs) throws SQLException {
    int changed = 0;
    for (long seq : seqs) {
      changed += Database.update(c, "UPDATE notices SET seen = 1 WHERE seq = ? AND seen = 0", seq);
    }
    return changed;
  }

  static List<MessageRecord> unseenMessages(Connection c, int limit) throws SQLException {
    return MessageDao.query(c, "WHERE m.seen = 0 ORDER BY m.id LIMIT ?", limit);
  }

  static int markMessagesSeen(Connection c, Collection<Long> localIds) throws SQLException {
    int changed = 0;
    for (long id : localIds) {
      changed += Database.update(c, "UPDATE messages SET seen = 1 WHERE id = ? AND seen = 0", id);
    }
    return changed;
  }

  /** A message just stored from the inbox waits to be shown. */
  static void markUnseen(Connection c, long localId) throws SQLException {
    Database.update(c, "UPDATE messages SET seen = 0 WHERE id = ?", localId);
  }
}
