package im.magpie.client.history;

import im.magpie.client.internal.HistoryMappers;
import java.util.Objects;

/**
 * A message arriving from the server (push or sync) or a direct channel, ready to be stored by
 * {@link HistoryStore#insertIncoming}. Build one from protobuf with
 * {@link HistoryMappers#toIncoming}.
 *
 * @param messageId the server's message id, or {@code 0} if it has none (direct channel)
 * @param clientMsgId the sender's client message id, or {@code null}; at least one id is required
 * @param peer the conversation, seen from this account (for a one-to-one message: the other user)
 * @param senderId the sending user
 * @param outgoing {@code true} if this account sent it (e.g. from another device)
 * @param timeMs the server time of the message
 * @param text the text; {@code null} or ignored when {@code recalled}
 * @param replyToMessageId the server id of the quoted message, {@code 0} for none
 * @param mentionsMe whether it mentions this account
 * @param recalled whether it had already been recalled when it was synced
 */
public record IncomingMessage(
    long messageId,
    String clientMsgId,
    PeerRef peer,
    long senderId,
    boolean outgoing,
    long timeMs,
    String text,
    long replyToMessageId,
    boolean mentionsMe,
    boolean recalled) {

  public IncomingMessage {
    Objects.requireNonNull(peer, "peer");
    if (clientMsgId != null && clientMsgId.isBlank()) {
      clientMsgId = null;
    }
    if (messageId < 0) {
      throw new IllegalArgumentException("negative message id: " + messageId);
    }
    if (messageId == 0 && clientMsgId == null) {
      throw new IllegalArgumentException("a message needs a message id or a client message id");
    }
    if (recalled) {
      text = null;
    } else if (text == null) {
      text = "";
    }
  }

  /** A plain received text message: the common case, and handy in tests. */
  public static IncomingMessage text(
      long messageId, String clientMsgId, PeerRef peer, long senderId, long timeMs, String text) {
    return new IncomingMessage(
        messageId, clientMsgId, peer, senderId, false, timeMs, text, 0, false, false);
  }
}
