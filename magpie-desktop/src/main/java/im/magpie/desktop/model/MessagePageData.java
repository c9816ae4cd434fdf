package im.magpie.desktop.model;

import java.util.List;

/** A slice of a conversation, oldest first, and whether older messages exist. */
public record MessagePageData(List<ChatMessage> oldestFirst, boolean hasMore) {
    public MessagePageData {
        oldestFirst = List.copyOf(oldestFirst);
    }
}
