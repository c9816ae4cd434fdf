package im.magpie.client.files.internal;

import im.magpie.client.MagpieClient;
import im.magpie.client.Messenger;
import im.magpie.protocol.proto.InboxEvent;
import java.util.function.Consumer;

/**
 * What file transfers need from a session, in one place: requests, the user's id, and every inbox
 * event once (pushed, or synced after being offline). The only code in the files package that
 * knows the session's API: when the client core changes, these adapters change, nothing else.
 */
public interface FileLink extends Requester {

    long selfUserId();

    /** Hears inbox events until the returned handle runs. */
    Runnable onInboxEvent(Consumer<InboxEvent> listener);

    /**
     * Over one connected, logged-in client: pushed events only (a one-shot command reads the
     * inbox itself).
     */
    static FileLink of(MagpieClient client) {
        return new ClientFileLink(client);
    }

    /** Over a messenger's session: pushed and synced events (the session's non-message notices). */
    static FileLink of(Messenger messenger) {
        return new MessengerFileLink(messenger);
    }
}
