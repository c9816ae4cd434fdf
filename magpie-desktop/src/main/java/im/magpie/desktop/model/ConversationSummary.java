package im.magpie.desktop.model;

/**
 * One row of the recent conversations.
 *
 * @param chat the conversation
 * @param title the friend's or group's name
 * @param preview the newest message's start, "" for none
 * @param recalled whether the newest message was recalled
 * @param lastActivityMs time of the newest message
 * @param unread incoming messages not yet read
 * @param mentioned an unread message of this group mentions this account ("@")
 */
public record ConversationSummary(ChatKey chat, String title, String preview, boolean recalled,
                                  long lastActivityMs, int unread, boolean mentioned) {}
