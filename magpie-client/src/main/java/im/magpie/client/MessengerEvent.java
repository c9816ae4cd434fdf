package im.magpie.client;

import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link Messenger} tells its listeners. A closed set: test with {@code instanceof}.
 * Everything that changes the local history has already been committed to it when the event is
 * delivered, so a listener can re-read the store.
 */
public sealed interface MessengerEvent {

    /**
     * The session moved to {@code state}.
     *
     * @param retryIn with {@link SessionState#RECONNECTING}: the delay before the next attempt, else null
     * @param cause why the connection was lost or refused (with RECONNECTING or OFFLINE), else null
     */
    record StateChanged(SessionState state, Duration retryIn, Throwable cause) implements MessengerEvent {}

    /** New messages were stored (received, or sent by this account from another device), in order. */
    record MessagesReceived(List<MessageRecord> messages) implements MessengerEvent {
        public MessagesReceived {
            messages = List.copyOf(messages);
        }
    }

    /** The server acknowledged a queued message: it is SENT and has its server id. */
    record MessageSent(MessageRecord message) implements MessengerEvent {}

    /** The server refused a queued message for good; it is FAILED (retry with {@link Messenger#retry}). */
    record MessageFailed(MessageRecord message, MagpieClientException reason) implements MessengerEvent {}

    /** Receipts, a recall or a read mark changed messages of this conversation: re-read it. */
    record ConversationChanged(PeerRef peer) implements MessengerEvent {}

    /** An inbox event that is not history (a friend request, a group notice, a removed friend). */
    record Notice(InboxEvent event) implements MessengerEvent {}

    /** A push that is not an inbox event (presence, typing, profile changes, ...). */
    record Push(Frame frame) implements MessengerEvent {}

    /**
     * The one-to-one conversation with {@code peer} now goes {@code path}: "direct" or "via server"
     * for a front end to show. {@code reason} says why in a few words.
     */
    record PathChanged(PeerRef peer, im.magpie.client.p2p.ConversationPath path, String reason) implements MessengerEvent {}

    /** Every inbox event up to {@code lastSeq} is stored (a sync finished). */
    record Synced(long lastSeq) implements MessengerEvent {}

    /**
     * Writing the local history failed (disk full, database locked or damaged). Nothing was lost
     * from the server's point of view: unsynced events are fetched again, unacknowledged messages
     * stay in the outbox. The message names the file.
     */
    record StoreFailed(HistoryStoreException error) implements MessengerEvent {}
}
