package im.magpie.client.p2p;

import java.util.Objects;

/**
 * A one-to-one text message as it crosses a direct channel: the same client message id as when
 * it is relayed, so whichever path delivers it, it is stored once.
 *
 * @param timeMs the sender's clock (a direct message has no server time until it is reported)
 */
public record DirectMessage(String clientMsgId, long senderId, long recipientId, long timeMs, String text,
                            long replyToMessageId) {
    public DirectMessage {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(text, "text");
    }
}
