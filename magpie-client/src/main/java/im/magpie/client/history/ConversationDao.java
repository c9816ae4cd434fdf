package im.magpie.client.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code conversations} table. Every method runs on the caller's connection. */
final class ConversationDao {

  private static final String SELECT = """
      SELECT conv.peer_kind, conv.peer_id,
             coalesce(nullif(ct.remark, ''), nullif(ct.nickname, ''), nullif(ct.username, ''),
                      nullif(p.nickname, ''), nullif(p.username, ''), nullif(g.name, '')) AS title,
             substr(m.text, 1, %d) AS preview, coalesce(m.recalled, 0) AS recalled,
             conv.last_activity_ms, conv.unread_count, conv.last_read_message_id
        FROM conversations conv
        LEFT JOIN contacts ct ON conv.peer_kind = 'USER' AND ct.user_id = conv.peer_id
        LEFT JOIN people p ON conv.peer_kind = 'USER' AND p.user_id = conv.peer_id
        LEFT JOIN group_cache g ON conv.peer_kind = 'GROUP' AND g.group_id = conv.peer_id
        LEFT JOIN messages m ON m.id = conv.last_message_row
      """.formatted(ConversationRecord.PREVIEW_CHARS);

  private ConversationDao() {}

  /** The conversation's row id, creating the row if needed. */
  static long ensure(Connection c, PeerRef peer, long activityMs) throws SQLException {
    Database.update(c, """
        INSERT INTO conversations (peer_kind, peer_id, last_activity_ms) VALUES (?, ?, ?)
        ON CONFLICT (peer_kind, peer_id) DO NOTHING""", peer.kind().name(), peer.id(), activityMs);
    return idOf(c, peer);
  }

  /** The conversation's row id, or {@code -1}. */
  static long idOf(Connection c, PeerRef peer) throws SQLException {
    return Database.queryLong(c,
        "SELECT id FROM conversations WHERE peer_kind = ? AND peer_id = ?", -1,
        peer.kind().name(), peer.id());
  }

  /** Recomputes the newest message, last activity and unread count from {@code messages}. */
  static void refresh(Connection c, long conversationId) throws SQLException {
    Database.update(c, """
        UPDATE conversations SET
          last_message_row = (SELECT id FROM messages WHERE conversation_id = ?1
                               ORDER BY time_ms DESC, id DESC LIMIT 1),
          last_activity_ms = max(last_activity_ms,
                                 coalesce((SELECT max(time_ms) FROM messages
                                            WHERE conversation_id = ?1), 0)),
          unread_count = (SELECT count(*) FROM messages
                           WHERE conversation_id = ?1 AND outgoing = 0 AND status = 'DELIVERED')
        WHERE id = ?1""", conversationId);
  }

  /** Marks incoming messages up to {@code upToMessageId} read (and those without a server id). */
  static boolean markRead(Connection c, PeerRef peer, long upToMessageId) throws SQLException {
    long id = idOf(c, peer);
    if (id < 0) {
      return false;
    }
    Database.update(c, """
        UPDATE conversations SET last_read_message_id = max(last_read_message_id, ?)
        WHERE id = ?""", upToMessageId, id);
    Database.update(c, """
        UPDATE messages SET status = 'READ'
        WHERE conversation_id = ? AND outgoing = 0 AND status = 'DELIVERED'
          AND (message_id IS NULL OR message_id <= ?)""", id, upToMessageId);
    refresh(c, id);
    return true;
  }

  /** The highest last-read server message id of a conversation, {@code 0} if none. */
  static long lastReadMessageId(Connection c, long conversationId) throws SQLException {
    return Database.queryLong(c,
        "SELECT last_read_message_id FROM conversations WHERE id = ?", 0, conversationId);
  }

  static Optional<ConversationRecord> find(Connection c, PeerRef peer) throws SQLException {
    List<ConversationRecord> found = query(c,
        SELECT + " WHERE conv.peer_kind = ? AND conv.peer_id = ?", peer.kind().name(), peer.id());
    return found.stream().findFirst();
  }

  /** Conversations by last activity, newest first. */
  static List<ConversationRecord> list(Connection c, int limit) throws SQLException {
    // A conversation that holds only messages the server refused (not a friend, a typo'd id) is
    // not one: it stays out of the list, its failed messages stay readable in it.
    return query(c, SELECT + """
         WHERE NOT (EXISTS (SELECT 1 FROM messages x WHERE x.conversation_id = conv.id)
                    AND NOT EXISTS (SELECT 1 FROM messages y WHERE y.conversation_id = conv.id
                                                              AND y.status <> 'FAILED'))
         ORDER BY conv.last_activity_ms DESC, conv.id DESC LIMIT ?""", limit);
  }

  private static List<ConversationRecord> query(Connection c, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Database.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<ConversationRecord> out = new ArrayList<>();
        while (rs.next()) {
          PeerRef peer = new PeerRef(PeerKind.valueOf(rs.getString("peer_kind")),
              rs.getLong("peer_id"));
          String title = rs.getString("title");
          if (title == null) {
            title = (peer.kind() == PeerKind.USER ? "user " : "group ") + peer.id();
          }
          out.add(new ConversationRecord(peer, title, rs.getString("preview"),
              rs.getInt("recalled") != 0, rs.getLong("last_activity_ms"),
              rs.getInt("unread_count"), rs.getLong("last_read_message_id")));
        }
        return out;
      }
    }
  }
}
