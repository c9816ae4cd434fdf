package im.magpie.client.history;

import java.util.List;

/**
 * A page of a conversation's messages, newest first.
 *
 * @param messages at most the requested number, newest first
 * @param hasMore whether older messages exist; ask for them with the last element's
 *     {@link MessageRecord#localId()} as the cursor
 */
public record MessagePage(List<MessageRecord> messages, boolean hasMore) {

  public MessagePage {
    messages = List.copyOf(messages);
  }
}
