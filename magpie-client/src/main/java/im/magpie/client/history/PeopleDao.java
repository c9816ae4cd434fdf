package im.magpie.client.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** SQL of the {@code people}, {@code group_invitations} and {@code join_requests} tables. */
final class PeopleDao {

  private PeopleDao() {}

  /** Adds or updates people; a blank username or nickname does not overwrite a known one. */
  static void upsert(Connection c, Collection<KnownPerson> people) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO people (user_id, username, nickname, avatar_hash) VALUES (?, ?, ?, ?)
        ON CONFLICT (user_id) DO UPDATE SET
          username = CASE WHEN excluded.username = '' THEN username ELSE excluded.username END,
          nickname = CASE WHEN excluded.username = '' THEN nickname ELSE excluded.nickname END,
          avatar_hash = CASE WHEN excluded.username = '' THEN avatar_hash
                             ELSE excluded.avatar_hash END""")) {
      for (KnownPerson p : people) {
        Database.bind(ps, p.userId(), p.username(), p.nickname(), p.avatarHash());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static List<KnownPerson> people(Connection c, String where, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM people " + where)) {
      Database.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<KnownPerson> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new KnownPerson(rs.getLong("user_id"), rs.getString("username"),
              rs.getString("nickname"), rs.getString("avatar_hash")));
        }
        return out;
      }
    }
  }

  static List<PendingInvitation> invitations(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM group_invitations ORDER BY time_ms, group_id");
         ResultSet rs = ps.executeQuery()) {
      List<PendingInvitation> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new PendingInvitation(rs.getLong("group_id"), rs.getLong("invited_by"),
            rs.getLong("time_ms")));
      }
      return out;
    }
  }

  static List<PendingJoinRequest> joinRequests(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM join_requests ORDER BY time_ms, group_id, user_id");
         ResultSet rs = ps.executeQuery()) {
      List<PendingJoinRequest> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new PendingJoinRequest(rs.getLong("group_id"), rs.getLong("user_id"),
            rs.getString("note"), rs.getLong("time_ms")));
      }
      return out;
    }
  }
}
