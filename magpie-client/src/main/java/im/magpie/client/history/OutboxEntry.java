package im.magpie.client.history;

/**
 * A message written locally but not yet acknowledged by the server, in enqueue order.
 *
 * @param outboxSeq position in the outbox: increasing in enqueue order, never reused
 * @param localId the message's local row id
 * @param clientMsgId the client message id to send (a retry with it is idempotent on the server)
 * @param to the conversation
 * @param text the text to send
 * @param replyToMessageId the server id of the quoted message, {@code 0} for none
 * @param enqueuedMs when it was enqueued (the store's clock)
 * @param attempts how often sending was attempted, see {@link HistoryStore#recordSendAttempt}
 */
public record OutboxEntry(
    long outboxSeq,
    long localId,
    String clientMsgId,
    PeerRef to,
    String text,
    long replyToMessageId,
    long enqueuedMs,
    int attempts) {}
