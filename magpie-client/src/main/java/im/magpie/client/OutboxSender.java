package im.magpie.client;

import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.OutboxEntry;
import im.magpie.client.internal.Wire;
import im.magpie.protocol.proto.SendAck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Sends a history store's outbox over a logged-in {@link MagpieClient}, blocking, in order: the
 * one-shot counterpart of what a {@link Messenger} does continuously. Command-line tools call it
 * right after they connect, so that whatever an earlier offline command queued goes out with the
 * next command that reaches the server. Each message is sent with its own client message id, so a
 * message the server already stored (an ack lost with the connection) is stored once.
 *
 * <p>Stateless; thread-safe as far as the client and the store are.
 */
public final class OutboxSender {
    private OutboxSender() {}

    /**
     * What a flush did.
     *
     * @param sent acknowledged by the server (now SENT)
     * @param refused refused by the server for good (now FAILED), with the reasons in {@code errors}
     * @param remaining still queued (the connection failed, or the server was busy)
     * @param errors the refusal reasons, in order; the connection failure last if one stopped the flush
     */
    public record Result(List<MessageRecord> sent, List<MessageRecord> refused, int remaining,
                         List<MagpieClientException> errors) {
        public Result {
            sent = List.copyOf(sent);
            refused = List.copyOf(refused);
            errors = List.copyOf(errors);
        }
    }

    /** Sends every queued message, oldest first; stops at the first failure that is not a refusal. */
    public static Result flush(MagpieClient client, HistoryStore store) {
        List<MessageRecord> sent = new ArrayList<>();
        List<MessageRecord> refused = new ArrayList<>();
        List<MagpieClientException> errors = new ArrayList<>();
        List<OutboxEntry> pending = store.pendingOutbox();
        int i = 0;
        for (; i < pending.size(); i++) {
            OutboxEntry entry = pending.get(i);
            SendAck ack;
            try {
                ack = client.messages().send(Wire.send(entry)).join();
            } catch (CompletionException e) {
                MagpieClientException failure = MagpieClientException.unwrap(e)
                        .orElseGet(() -> new MagpieConnectionException(String.valueOf(e.getCause()), e.getCause()));
                errors.add(failure);
                store.recordSendAttempt(entry.clientMsgId());
                if (Wire.verdict(failure) == Wire.SendVerdict.REFUSED) {
                    store.markFailed(entry.clientMsgId());
                    store.messageByClientMsgId(entry.clientMsgId()).ifPresent(refused::add);
                    continue;
                }
                break;
            }
            store.acknowledge(entry.clientMsgId(), ack.getMessageId(), ack.getSeq(), ack.getServerTimeMs());
            store.messageByClientMsgId(entry.clientMsgId()).ifPresent(sent::add);
        }
        return new Result(sent, refused, pending.size() - i, errors);
    }
}
