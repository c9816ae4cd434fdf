package im.magpie.desktop.model;

import java.time.LocalDate;

/** One row of the chat view: a day separator, a message bubble, or a line about the group. */
public sealed interface ChatItem {
    /** Shown before the first message of each day. */
    record DaySeparator(LocalDate day) implements ChatItem {}

    /** A message; {@code showSender} for the first of a run from the same person. */
    record Bubble(ChatMessage message, String senderName, boolean showSender) implements ChatItem {}

    /** A file or image; {@code showSender} as for a bubble. */
    record FileItem(FileTransfer file, String senderName, boolean showSender) implements ChatItem {}

    /** "Bob joined the group". */
    record Activity(GroupActivity activity) implements ChatItem {}
}
