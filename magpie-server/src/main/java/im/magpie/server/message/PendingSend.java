package im.magpie.server.message;

import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.SendAck;
import im.magpie.server.session.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One validated send waiting for the group-commit writer. {@link #result} completes after the
 * transaction that stored it committed (with the ack), or with the reason it was refused.
 * The group fields are filled by the writer thread before the transaction.
 */
final class PendingSend {
    final long senderId;
    final Connection origin;
    final String clientMsgId;
    final Conversation to;
    final Content content;
    final long viaGroupId;
    final CompletableFuture<SendAck> result = new CompletableFuture<>();
    /** Built once: the writer looks it up several times per message. */
    private final String dedupKey;

    List<Long> groupMembers = List.of();
    Set<Long> mentions = Set.of();
    boolean privateWordAllowed;
    /** Its outcome is decided (the writer thread's note, ahead of {@link #result} completing on an event loop). */
    boolean resolved;
    /** One-to-one only: the sender delivered it over a direct channel (stored, not pushed to the recipient). */
    boolean deliveredDirectly;

    PendingSend(long senderId, Connection origin, String clientMsgId, Conversation to, Content content, long viaGroupId) {
        this.senderId = senderId;
        this.origin = origin;
        this.clientMsgId = clientMsgId;
        this.to = to;
        this.content = content;
        this.viaGroupId = viaGroupId;
        this.dedupKey = senderId + ":" + clientMsgId;
    }

    String dedupKey() {
        return dedupKey;
    }
}
