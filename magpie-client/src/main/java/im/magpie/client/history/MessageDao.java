package im.magpie.client.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code messages} table. Every method runs on the caller's connection. */
final class MessageDao {

  /** Columns read by {@link #read}; use with {@link #FROM}. */
  static final String COLUMNS = """
      m.id, m.message_id, m.client_msg_id, conv.peer_kind, conv.peer_id, m.sender_id,
      m.outgoing, m.time_ms, m.text, m.reply_to_message_id, m.mentions_me, m.status, m.recalled
      """;

  static final String FROM =
      " FROM messages m JOIN conversations conv ON conv.id = m.conversation_id ";

  private MessageDao() {}

  static MessageRecord read(ResultSet rs) throws SQLException {
    return new MessageRecord(
        rs.getLong("id"),
        rs.getLong("message_id"),
        rs.getString("client_msg_id"),
        new PeerRef(PeerKind.valueOf(rs.getString("peer_kind")), rs.getLong("peer_id")),
        rs.getLong("sender_id"),
        rs.getInt("outgoing") != 0,
        rs.getLong("time_ms"),
        rs.getString("text"),
        rs.getLong("reply_to_message_id"),
        rs.getInt("mentions_me") != 0,
        MessageStatus.valueOf(rs.getString("status")),
        rs.getInt("recalled") != 0);
  }

  static List<MessageRecord> query(Connection c, String where, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + where)) {
      Database.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<MessageRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(read(rs));
        }
        return out;
      }
    }
  }

  static Optional<MessageRecord> byLocalId(Connection c, long localId) throws SQLException {
    return query(c, "WHERE m.id = ?", localId).stream().findFirst();
  }

  static Optional<MessageRecord> byMessageId(Connection c, long messageId) throws SQLException {
    return query(c, "WHERE m.message_id = ?", messageId).stream().findFirst();
  }

  static Optional<MessageRecord> byClientMsgId(Connection c, String clientMsgId)
      throws SQLException {
    return query(c, "WHERE m.client_msg_id = ?", clientMsgId).stream().findFirst();
  }

  /**
   * Stores a message unless it is already there: the same server id, or the same client id from
   * the same sender, is the same message (a client id reused by another sender is stored without
   * it, never dropped). A known own message without a server id gets it (and leaves the outbox).
   *
   * @return the new record, or empty if the message was already stored
   */
  static Optional<MessageRecord> insertIncoming(Connection c, IncomingMessage m)
      throws SQLException {
    if (m.messageId() != 0) {
      Optional<MessageRecord> known = byMessageId(c, m.messageId());
      if (known.isPresent()) {
        if (m.recalled()) {
          recall(c, m.messageId());
        }
        return Optional.empty();
      }
    }
    String clientMsgId = m.clientMsgId();
    if (clientMsgId != null) {
      Optional<MessageRecord> known = byClientMsgId(c, clientMsgId);
      if (known.isPresent() && known.get().senderId() == m.senderId()) {
        if (m.messageId() != 0 && !known.get().acknowledged()) {
          if (known.get().outgoing()) {
            markSent(c, clientMsgId, m.messageId(), m.timeMs());
          } else {
            // Received over a direct channel first: the server's copy brings its id (receipts need it).
            Database.update(c, "UPDATE messages SET message_id = ? WHERE id = ?", m.messageId(),
                known.get().localId());
          }
        }
        if (m.recalled() && m.messageId() != 0) {
          recall(c, m.messageId());
        }
        return Optional.empty();
      }
      if (known.isPresent()) {
        clientMsgId = null;
      }
    }
    long conversationId = ConversationDao.ensure(c, m.peer(), m.timeMs());
    MessageStatus status = initialStatus(c, m, conversationId);
    long localId = insertRow(c, conversationId, m.messageId(), clientMsgId, m.senderId(),
        m.outgoing(), m.timeMs(), m.text(), m.replyToMessageId(), m.mentionsMe(), status,
        m.recalled());
    ConversationDao.refresh(c, conversationId);
    return byLocalId(c, localId);
  }

  private static MessageStatus initialStatus(Connection c, IncomingMessage m, long conversationId)
      throws SQLException {
    if (m.recalled()) {
      return MessageStatus.RECALLED;
    }
    if (m.outgoing()) {
      return MessageStatus.SENT;
    }
    boolean alreadyRead = m.messageId() != 0
        && m.messageId() <= ConversationDao.lastReadMessageId(c, conversationId);
    return alreadyRead ? MessageStatus.READ : MessageStatus.DELIVERED;
  }

  static long insertRow(Connection c, long conversationId, long messageId, String clientMsgId,
      long senderId, boolean outgoing, long timeMs, String text, long replyTo, boolean mentionsMe,
      MessageStatus status, boolean recalled) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO messages (message_id, client_msg_id, conversation_id, sender_id, outgoing,
                              time_ms, text, reply_to_message_id, mentions_me, status, recalled)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
      Database.bind(ps, messageId == 0 ? null : messageId, clientMsgId, conversationId, senderId,
          outgoing ? 1 : 0, timeMs, recalled ? null : text, replyTo, mentionsMe ? 1 : 0,
          status.name(), recalled ? 1 : 0);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no row id returned for a new message");
        }
        return keys.getLong(1);
      }
    }
  }

  /**
   * Gives an own message its server id and time and moves it from SENDING/FAILED to SENT; also
   * removes it from the outbox. Idempotent: a second call with the same ids changes nothing.
   *
   * @return whether an own message with this client id and no other server id exists
   */
  static boolean markSent(Connection c, String clientMsgId, long messageId, long serverTimeMs)
      throws SQLException {
    Optional<MessageRecord> own = byClientMsgId(c, clientMsgId).filter(MessageRecord::outgoing);
    if (own.isEmpty()) {
      return false;
    }
    MessageRecord m = own.get();
    if (m.acknowledged()) {
      Database.update(c, "DELETE FROM outbox WHERE message_row = ?", m.localId());
      return m.messageId() == messageId;
    }
    Database.update(c, """
        UPDATE messages SET message_id = ?, time_ms = ?,
               status = CASE WHEN status IN ('SENDING', 'FAILED') THEN 'SENT' ELSE status END
        WHERE id = ?""", messageId, serverTimeMs, m.localId());
    Database.update(c, "DELETE FROM outbox WHERE message_row = ?", m.localId());
    ConversationDao.refresh(c, conversationIdOf(c, m.localId()));
    return true;
  }

  /**
   * Moves this account's messages in a conversation forward to DELIVERED or READ, up to and
   * including a server message id. Never moves a status backwards.
   */
  static int applyReceipt(Connection c, PeerRef peer, ReceiptKind kind, long upToMessageId)
      throws SQLException {
    long conversationId = ConversationDao.idOf(c, peer);
    if (conversationId < 0) {
      return 0;
    }
    String from = kind == ReceiptKind.READ ? "('SENT', 'DELIVERED')" : "('SENT')";
    return Database.update(c, """
        UPDATE messages SET status = ?
        WHERE conversation_id = ? AND outgoing = 1 AND message_id IS NOT NULL
          AND message_id <= ? AND status IN """ + from,
        kind.name(), conversationId, upToMessageId);
  }

  /** Replaces a message's text by the recalled flag (the index forgets the text). */
  static boolean recall(Connection c, long messageId) throws SQLException {
    Optional<MessageRecord> m = byMessageId(c, messageId);
    if (m.isEmpty()) {
      return false;
    }
    if (!m.get().recalled()) {
      Database.update(c,
          "UPDATE messages SET text = NULL, recalled = 1, status = 'RECALLED' WHERE id = ?",
          m.get().localId());
      ConversationDao.refresh(c, conversationIdOf(c, m.get().localId()));
    }
    return true;
  }

  static long conversationIdOf(Connection c, long localId) throws SQLException {
    return Database.queryLong(c, "SELECT conversation_id FROM messages WHERE id = ?", -1, localId);
  }

  /**
   * A page of a conversation, newest first, strictly older than the row {@code beforeLocalId}
   * (by time, then row id), or the newest page if {@code beforeLocalId <= 0}.
   */
  static MessagePage page(Connection c, PeerRef peer, long beforeLocalId, int limit)
      throws SQLException {
    long conversationId = ConversationDao.idOf(c, peer);
    if (conversationId < 0) {
      return new MessagePage(List.of(), false);
    }
    List<MessageRecord> rows;
    if (beforeLocalId <= 0) {
      rows = query(c, """
          WHERE m.conversation_id = ? ORDER BY m.time_ms DESC, m.id DESC LIMIT ?""",
          conversationId, limit + 1);
    } else {
      rows = query(c, """
          WHERE m.conversation_id = ?1
            AND (m.time_ms, m.id) < (SELECT time_ms, id FROM messages WHERE id = ?2)
          ORDER BY m.time_ms DESC, m.id DESC LIMIT ?3""", conversationId, beforeLocalId,
          limit + 1);
    }
    boolean hasMore = rows.size() > limit;
    return new MessagePage(hasMore ? rows.subList(0, limit) : rows, hasMore);
  }
}
