package im.magpie.client.history;

import java.util.Objects;

/**
 * One row of the conversation list.
 *
 * @param peer the conversation
 * @param title what to call it: the contact's remark, nickname or username, or the group's name,
 *     from the caches; {@code "user <id>"} / {@code "group <id>"} when neither is cached
 * @param lastPreview the start of the newest message's text (at most {@link #PREVIEW_CHARS}
 *     characters), {@code null} if the conversation has no message or the newest was recalled
 * @param lastMessageRecalled whether the newest message was recalled
 * @param lastActivityMs time of the newest message (or of opening the conversation)
 * @param unreadCount incoming messages not yet read
 * @param lastReadMessageId the highest server message id marked read, {@code 0} for none
 */
public record ConversationRecord(
    PeerRef peer,
    String title,
    String lastPreview,
    boolean lastMessageRecalled,
    long lastActivityMs,
    int unreadCount,
    long lastReadMessageId) {

  /** Maximum length of {@link #lastPreview}, in UTF-16 characters. */
  public static final int PREVIEW_CHARS = 80;

  public ConversationRecord {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(title, "title");
  }
}
