package im.magpie.client.history;

import java.util.Objects;

/**
 * A message this account is about to send, for {@link HistoryStore#enqueueOutgoing}.
 *
 * @param to the conversation
 * @param senderId this account's user id
 * @param text the text, not blank
 * @param replyToMessageId the server id of the quoted message, {@code 0} for none
 */
public record OutgoingMessage(PeerRef to, long senderId, String text, long replyToMessageId) {

  public OutgoingMessage {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    if (senderId <= 0) {
      throw new IllegalArgumentException("sender id must be positive: " + senderId);
    }
  }

  /** A text message without a quote. */
  public static OutgoingMessage text(PeerRef to, long senderId, String text) {
    return new OutgoingMessage(to, senderId, text, 0);
  }
}
