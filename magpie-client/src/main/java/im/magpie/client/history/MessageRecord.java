package im.magpie.client.history;

import java.util.Objects;

/**
 * A message as stored locally. Immutable snapshot; read it again to see later changes.
 *
 * @param localId the local row id: stable, unique in this database, usable as a paging cursor
 * @param messageId the server's message id, {@code 0} until the server acknowledged the message
 * @param clientMsgId the sender's client message id (a UUID), or {@code null} if none is known
 * @param peer the conversation this message belongs to, seen from this account
 * @param senderId the sending user
 * @param outgoing {@code true} if this account sent it (from this device or another one)
 * @param timeMs the server time, or the local enqueue time while {@link MessageStatus#SENDING}
 * @param text the text, or {@code null} once recalled
 * @param replyToMessageId the server id of the quoted message, {@code 0} for none
 * @param mentionsMe whether the message mentions this account
 * @param status see {@link MessageStatus}
 * @param recalled whether the sender recalled the message (its text is then gone)
 */
public record MessageRecord(
    long localId,
    long messageId,
    String clientMsgId,
    PeerRef peer,
    long senderId,
    boolean outgoing,
    long timeMs,
    String text,
    long replyToMessageId,
    boolean mentionsMe,
    MessageStatus status,
    boolean recalled) {

  public MessageRecord {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(status, "status");
  }

  /** Whether the server acknowledged this message (it has a server message id). */
  public boolean acknowledged() {
    return messageId != 0;
  }
}
