package im.magpie.desktop.model;

/**
 * One message of a conversation, as a bubble shows it.
 *
 * @param localId the local row id: unique, a paging cursor
 * @param messageId the server's id, 0 until acknowledged
 * @param clientMsgId the sender's id for retries, may be null for received messages
 * @param chat the conversation
 * @param senderId who wrote it
 * @param outgoing whether this account wrote it
 * @param timeMs server time (local enqueue time while sending)
 * @param text the text, "" once recalled
 * @param mark see {@link MessageMark}
 * @param mentionsMe whether it mentions this account
 */
public record ChatMessage(long localId, long messageId, String clientMsgId, ChatKey chat, long senderId,
                          boolean outgoing, long timeMs, String text, MessageMark mark, boolean mentionsMe) {
    public ChatMessage {
        text = text == null ? "" : text;
    }

    public boolean recalled() {
        return mark == MessageMark.RECALLED;
    }
}
