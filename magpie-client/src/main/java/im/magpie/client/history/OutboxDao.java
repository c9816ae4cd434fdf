package im.magpie.client.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code outbox} table. Every method runs on the caller's connection. */
final class OutboxDao {

  private OutboxDao() {}

  /** Stores an own message as SENDING and queues it; returns nothing, the caller chose the id. */
  static void enqueue(Connection c, OutgoingMessage m, String clientMsgId, long nowMs)
      throws SQLException {
    long conversationId = ConversationDao.ensure(c, m.to(), nowMs);
    long localId = MessageDao.insertRow(c, conversationId, 0, clientMsgId, m.senderId(), true,
        nowMs, m.text(), m.replyToMessageId(), false, MessageStatus.SENDING, false);
    Database.update(c, "INSERT INTO outbox (message_row, enqueued_ms) VALUES (?, ?)", localId,
        nowMs);
    ConversationDao.refresh(c, conversationId);
  }

  static List<OutboxEntry> pending(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT o.seq, o.attempts, o.enqueued_ms, m.id, m.client_msg_id, m.text,
               m.reply_to_message_id, conv.peer_kind, conv.peer_id
          FROM outbox o
          JOIN messages m ON m.id = o.message_row
          JOIN conversations conv ON conv.id = m.conversation_id
         ORDER BY o.seq""");
        ResultSet rs = ps.executeQuery()) {
      List<OutboxEntry> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new OutboxEntry(rs.getLong("seq"), rs.getLong("id"), rs.getString("client_msg_id"),
            new PeerRef(PeerKind.valueOf(rs.getString("peer_kind")), rs.getLong("peer_id")),
            rs.getString("text"), rs.getLong("reply_to_message_id"), rs.getLong("enqueued_ms"),
            rs.getInt("attempts")));
      }
      return out;
    }
  }

  static boolean recordAttempt(Connection c, String clientMsgId) throws SQLException {
    return Database.update(c, """
        UPDATE outbox SET attempts = attempts + 1
        WHERE message_row = (SELECT id FROM messages WHERE client_msg_id = ?)""",
        clientMsgId) > 0;
  }

  /** Takes a queued message out of the outbox as FAILED (the server refused it). */
  static boolean markFailed(Connection c, String clientMsgId) throws SQLException {
    Optional<MessageRecord> m = ownUnacknowledged(c, clientMsgId);
    if (m.isEmpty() || m.get().status() != MessageStatus.SENDING) {
      return false;
    }
    Database.update(c, "DELETE FROM outbox WHERE message_row = ?", m.get().localId());
    Database.update(c, "UPDATE messages SET status = 'FAILED' WHERE id = ?", m.get().localId());
    return true;
  }

  /** Puts a FAILED message back at the end of the outbox as SENDING. */
  static boolean retry(Connection c, String clientMsgId, long nowMs) throws SQLException {
    Optional<MessageRecord> m = ownUnacknowledged(c, clientMsgId);
    if (m.isEmpty() || m.get().status() != MessageStatus.FAILED) {
      return false;
    }
    Database.update(c, "UPDATE messages SET status = 'SENDING' WHERE id = ?", m.get().localId());
    Database.update(c, "INSERT INTO outbox (message_row, enqueued_ms) VALUES (?, ?)",
        m.get().localId(), nowMs);
    return true;
  }

  private static Optional<MessageRecord> ownUnacknowledged(Connection c, String clientMsgId)
      throws SQLException {
    return MessageDao.byClientMsgId(c, clientMsgId)
        .filter(MessageRecord::outgoing)
        .filter(m -> !m.acknowledged());
  }

  /** Records the sender's inbox sequence of an acknowledged message. */
  static void recordSeq(Connection c, String clientMsgId, long seq) throws SQLException {
    Database.update(c, "UPDATE messages SET inbox_seq = ? WHERE client_msg_id = ?", seq,
        clientMsgId);
  }
}
