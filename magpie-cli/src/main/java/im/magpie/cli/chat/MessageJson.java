package im.magpie.cli.chat;

import im.magpie.client.NamedMessage;
import im.magpie.client.history.MessageRecord;

/**
 * A stored message as {@code --json} prints it. Field names are part of the CLI's interface:
 * {@code sender} is the sender's name, {@code chat} the conversation's title.
 */
public record MessageJson(long localId, long messageId, String clientMsgId, String conversation, String chat,
                          long senderId, String sender, boolean outgoing, long timeMs, String text, String status,
                          boolean recalled) {
    public static MessageJson of(NamedMessage n) {
        MessageRecord m = n.record();
        return new MessageJson(m.localId(), m.messageId(), m.clientMsgId(), m.peer().toString(), n.chat().title(),
                m.senderId(), n.sender().displayName(), m.outgoing(), m.timeMs(), m.text(), m.status().name(),
                m.recalled());
    }
}
