package im.magpie.client.history;

import im.magpie.client.internal.HistoryMappers;
import java.util.Objects;

/**
 * An inbox event that changes local history, as applied by {@link HistoryStore#applySyncedEvents}.
 * Events that do not touch history (friend requests, group notices) are not represented; their
 * sequence numbers are still covered by the {@code newSeq} passed with a batch. Build them from
 * protobuf with {@link HistoryMappers#toHistoryEvent}.
 */
public sealed interface HistoryEvent {

  /** A message arrived (or one this account sent from another device). */
  record MessageReceived(IncomingMessage message) implements HistoryEvent {
    public MessageReceived {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Everything in {@code peer}'s conversation up to and including {@code upToMessageId} was
   * delivered to or read by someone.
   *
   * @param peer the conversation, seen from this account
   * @param kind delivered or read
   * @param upToMessageId the highest server message id covered
   * @param byMe {@code true} if this account read them on another device (marks them read here);
   *     {@code false} if the other side did (moves this account's outgoing messages forward)
   */
  record ReceiptReceived(PeerRef peer, ReceiptKind kind, long upToMessageId, boolean byMe)
      implements HistoryEvent {
    public ReceiptReceived {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** The sender recalled message {@code messageId}: its text is removed locally. */
  record MessageRecalled(long messageId) implements HistoryEvent {}
}
