package im.magpie.client.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code contacts} and {@code group_cache} tables. */
final class ContactDao {

  private ContactDao() {}

  static void upsertContacts(Connection c, Collection<ContactRecord> contacts)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO contacts (user_id, username, nickname, remark, avatar_hash, signature,
                              presence, category_id, category_name)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (user_id) DO UPDATE SET
          username = excluded.username, nickname = excluded.nickname, remark = excluded.remark,
          avatar_hash = excluded.avatar_hash, signature = excluded.signature,
          presence = excluded.presence, category_id = excluded.category_id,
          category_name = excluded.category_name""")) {
      for (ContactRecord r : contacts) {
        Database.bind(ps, r.userId(), r.username(), r.nickname(), r.remark(), r.avatarHash(),
            r.signature(), r.presence().name(), r.categoryId(), r.categoryName());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Makes the cache exactly {@code contacts}: upserts them, deletes everyone else. */
  static void replaceContacts(Connection c, Collection<ContactRecord> contacts)
      throws SQLException {
    Database.update(c, "DELETE FROM contacts");
    upsertContacts(c, contacts);
  }

  static boolean updatePresence(Connection c, long userId, Presence presence)
      throws SQLException {
    return Database.update(c, "UPDATE contacts SET presence = ? WHERE user_id = ?",
        presence.name(), userId) > 0;
  }

  static void setAllOffline(Connection c) throws SQLException {
    Database.update(c, "UPDATE contacts SET presence = ?", Presence.OFFLINE.name());
  }

  static boolean removeContact(Connection c, long userId) throws SQLException {
    return Database.update(c, "DELETE FROM contacts WHERE user_id = ?", userId) > 0;
  }

  static List<ContactRecord> contacts(Connection c, String where, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM contacts " + where)) {
      Database.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<ContactRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new ContactRecord(rs.getLong("user_id"), rs.getString("username"),
              rs.getString("nickname"), rs.getString("remark"), rs.getString("avatar_hash"),
              rs.getString("signature"), Presence.valueOf(rs.getString("presence")),
              rs.getLong("category_id"), rs.getString("category_name")));
        }
        return out;
      }
    }
  }

  static Optional<ContactRecord> contact(Connection c, long userId) throws SQLException {
    return contacts(c, "WHERE user_id = ?", userId).stream().findFirst();
  }

  static void upsertGroups(Connection c, Collection<GroupRecord> groups) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO group_cache (group_id, name, member_count, my_role) VALUES (?, ?, ?, ?)
        ON CONFLICT (group_id) DO UPDATE SET name = excluded.name,
          member_count = excluded.member_count, my_role = excluded.my_role""")) {
      for (GroupRecord g : groups) {
        Database.bind(ps, g.groupId(), g.name(), g.memberCount(), g.myRole().name());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Makes the group cache exactly {@code groups}. */
  static void replaceGroups(Connection c, Collection<GroupRecord> groups) throws SQLException {
    Database.update(c, "DELETE FROM group_cache");
    upsertGroups(c, groups);
  }

  static boolean removeGroup(Connection c, long groupId) throws SQLException {
    return Database.update(c, "DELETE FROM group_cache WHERE group_id = ?", groupId) > 0;
  }

  static List<GroupRecord> groups(Connection c, String where, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM group_cache " + where)) {
      Database.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<GroupRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new GroupRecord(rs.getLong("group_id"), rs.getString("name"),
              rs.getInt("member_count"), MemberRole.valueOf(rs.getString("my_role"))));
        }
        return out;
      }
    }
  }
}
