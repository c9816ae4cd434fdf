package im.magpie.client.history;

import java.util.List;
import java.util.Objects;

/**
 * Own messages waiting for the server: each is written with its outbox entry in one transaction
 * (status SENDING) and stays in {@link #pending()} until {@link #acknowledge} or
 * {@link #markFailed}, each also one transaction. Get it from {@link HistoryStore#outbox()}.
 * Thread-safe; methods block briefly like the store's.
 */
public final class Outbox {
  private final Database db;
  private final HistoryStoreOptions options;

  Outbox(Database db, HistoryStoreOptions options) {
    this.db = db;
    this.options = options;
  }

  /**
   * Writes an own message before it is sent: the message (status SENDING, the store clock's
   * time) and its outbox entry, in one transaction.
   *
   * @return the new client message id (a UUID) to send it with
   */
  public String enqueue(OutgoingMessage message) {
    Objects.requireNonNull(message, "message");
    String clientMsgId = options.clientMsgIds().get().toString();
    long now = options.clock().millis();
    db.write(c -> {
      OutboxDao.enqueue(c, message, clientMsgId, now);
      return null;
    }, "store an outgoing message");
    return clientMsgId;
  }

  /** Messages waiting to be sent, in enqueue order. */
  public List<OutboxEntry> pending() {
    return db.read(OutboxDao::pending, "read the outbox");
  }

  /** Counts one send attempt of a queued message (for back-off); {@code false} if not queued. */
  public boolean recordSendAttempt(String clientMsgId) {
    Objects.requireNonNull(clientMsgId, "clientMsgId");
    return db.write(c -> OutboxDao.recordAttempt(c, clientMsgId), "record a send attempt");
  }

  /**
   * The server acknowledged a queued message: in one transaction the outbox entry is removed, the
   * message gets its server id and time and becomes SENT, and {@code seq} (the sender's inbox
   * sequence of this message) is recorded; if it is exactly {@link HistoryStore#lastSeq()} + 1
   * the last synced sequence moves to it (a later sync then starts after it). Idempotent.
   *
   * @return {@code false} if no own message with this client id exists (or it has another id)
   */
  public boolean acknowledge(String clientMsgId, long messageId, long seq, long serverTimeMs) {
    Objects.requireNonNull(clientMsgId, "clientMsgId");
    HistoryStore.checkMessageId(messageId);
    return db.write(c -> {
      boolean known = MessageDao.markSent(c, clientMsgId, messageId, serverTimeMs);
      if (known && seq > 0) {
        OutboxDao.recordSeq(c, clientMsgId, seq);
        if (seq == SyncStateDao.lastSeq(c) + 1) {
          SyncStateDao.advance(c, seq);
        }
      }
      return known;
    }, "acknowledge a message");
  }

  /**
   * The server refused a queued message for good: it leaves the outbox and becomes FAILED.
   *
   * @return {@code false} if it was not queued
   */
  public boolean markFailed(String clientMsgId) {
    Objects.requireNonNull(clientMsgId, "clientMsgId");
    return db.write(c -> OutboxDao.markFailed(c, clientMsgId), "mark a message failed");
  }

  /**
   * Queues a FAILED message again (at the end of the outbox, status SENDING, same client id).
   *
   * @return {@code false} if it is not a failed own message
   */
  public boolean retryFailed(String clientMsgId) {
    Objects.requireNonNull(clientMsgId, "clientMsgId");
    long now = options.clock().millis();
    return db.write(c -> OutboxDao.retry(c, clientMsgId, now), "retry a message");
  }
}
