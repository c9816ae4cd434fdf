package im.magpie.client.internal;

import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.history.OutboxEntry;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;

/** Protocol messages the session engine sends (through {@link im.magpie.client.internal.Messages}), built from the store's records. */
public final class Wire {
    private Wire() {}

    public static Peer peer(PeerRef ref) {
        return ref.kind() == PeerKind.GROUP ? Peer.newBuilder().setGroupId(ref.id()).build()
                : Peer.newBuilder().setUserId(ref.id()).build();
    }

    /** The send request of a queued message: always the same client message id for a retry. */
    public static SendMessageRequest send(OutboxEntry entry) {
        Content.Builder content = Content.newBuilder().setText(Text.newBuilder().setText(entry.text()));
        if (entry.replyToMessageId() > 0) {
            content.setReplyToMessageId(entry.replyToMessageId());
        }
        return SendMessageRequest.newBuilder()
                .setClientMsgId(entry.clientMsgId()).setTo(peer(entry.to())).setContent(content).build();
    }

    /** What to do with a queued message whose send failed with {@code e}. */
    public enum SendVerdict {
        /** Try again later with the same client id (connection lost, timeout, server busy). */
        RETRY,
        /** The server refused it for good (not friends, too long, ...): mark it FAILED. */
        REFUSED
    }

    public static SendVerdict verdict(MagpieClientException e) {
        if (e instanceof MagpieConnectionException || !e.fromServer()) {
            return SendVerdict.RETRY;
        }
        ErrorCode code = WireErrors.code(e);
        return switch (code) {
            case RATE_LIMITED, UNAVAILABLE, INTERNAL, UNAUTHENTICATED -> SendVerdict.RETRY;
            default -> SendVerdict.REFUSED;
        };
    }
}
