package im.magpie.cli.chat;

import im.magpie.client.history.MessageRecord;

/** A stored message as {@code --json} prints it. Field names are part of the CLI's interface. */
public record MessageJson(long localId, long messageId, String clientMsgId, String conversation, long senderId,
                          String sender, boolean outgoing, long timeMs, String text, String status, boolean recalled) {
    public static MessageJson of(MessageRecord m, String sender) {
        return new MessageJson(m.localId(), m.messageId(), m.clientMsgId(), m.peer().toString(), m.senderId(), sender,
                m.outgoing(), m.timeMs(), m.text(), m.status().name(), m.recalled());
    }
}
