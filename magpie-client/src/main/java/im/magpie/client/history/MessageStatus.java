package im.magpie.client.history;

/**
 * The state of a stored message. Stored by name.
 *
 * <p>Outgoing messages move {@code SENDING → SENT → DELIVERED → READ} and never backwards
 * ({@code FAILED} when the server refused the message; a retry puts it back to {@code SENDING}).
 * Incoming messages are {@code DELIVERED} while unread and {@code READ} once read. Either becomes
 * {@code RECALLED} when its sender recalls it.
 */
public enum MessageStatus {
  SENDING,
  SENT,
  DELIVERED,
  READ,
  FAILED,
  RECALLED
}
