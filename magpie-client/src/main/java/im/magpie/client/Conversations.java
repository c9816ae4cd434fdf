package im.magpie.client;

import im.magpie.client.history.ConversationRecord;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.SearchHit;
import im.magpie.client.history.SearchQuery;
import im.magpie.client.internal.session.Session;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The conversations and messages in the local history, through a {@link Messenger}
 * ({@link Messenger#conversations()}): the conversation list, pages of messages, search. Reads
 * work offline and block for one short SQLite transaction; {@link #older} also asks the server
 * when the local history runs short. Sending, receipts and recalls are {@link Messenger}'s.
 * Thread-safe; futures complete on a library thread.
 */
public final class Conversations {
    private final Session session;

    Conversations(Session session) {
        this.session = session;
    }

    /** The conversation list, most recent first, with unread counts. */
    public List<ConversationRecord> list(int limit) {
        return session.store().conversations(limit);
    }

    /** Opens a conversation (creating it if new) and returns its newest {@code limit} messages, newest first. */
    public MessagePage open(PeerRef peer, int limit) {
        session.store().openConversation(peer);
        return session.store().latestMessages(peer, limit);
    }

    /**
     * Up to {@code limit} messages of {@code peer} older than the message with local id
     * {@code beforeLocalId} (0: the newest), newest first: from the local history, topped up from
     * the server's when it runs short and the session is online (the fetched ones are stored).
     */
    public CompletableFuture<MessagePage> older(PeerRef peer, long beforeLocalId, int limit) {
        return session.page(peer, beforeLocalId, limit);
    }

    /** Searches the local history: Chinese substrings and English words, newest first. */
    public List<SearchHit> search(String text) {
        return search(SearchQuery.of(text));
    }

    /** Searches the local history with a conversation, a limit or highlight marks (see {@link SearchQuery}). */
    public List<SearchHit> search(SearchQuery query) {
        return session.store().search(query);
    }

    /** A stored message with the names that go with it (sender, conversation). */
    public NamedMessage named(MessageRecord message) {
        return session.named(message);
    }
}
