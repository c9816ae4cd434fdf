package im.magpie.client;

import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.PeerRef;
import java.util.Objects;

/**
 * A stored message with the names that go with it, as events carry it. The accessors of the
 * {@link MessageRecord} most used are repeated here.
 *
 * @param record the message as stored
 * @param sender who wrote it
 * @param chat the conversation it belongs to, with its title
 */
public record NamedMessage(MessageRecord record, UserRef sender, ChatRef chat) {
    public NamedMessage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(chat, "chat");
    }

    public long localId() {
        return record.localId();
    }

    public long messageId() {
        return record.messageId();
    }

    public String clientMsgId() {
        return record.clientMsgId();
    }

    public PeerRef peer() {
        return record.peer();
    }

    public long senderId() {
        return record.senderId();
    }

    public boolean outgoing() {
        return record.outgoing();
    }

    public long timeMs() {
        return record.timeMs();
    }

    /** The text, or {@code null} once recalled. */
    public String text() {
        return record.text();
    }

    public MessageStatus status() {
        return record.status();
    }
}
