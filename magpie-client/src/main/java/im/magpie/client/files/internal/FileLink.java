package im.magpie.client.files.internal;

import im.magpie.client.MessengerEvent;
import java.util.function.Consumer;

/**
 * What file transfers need from a messenger's session, in one place: requests, the user's id, and
 * the messenger's listener hub (to publish transfer events and to hear offers). The only code in
 * the files package that knows the session: when the client core changes, the adapter changes,
 * nothing else.
 */
public interface FileLink extends Requester {

    long selfUserId();

    /** Tells the messenger's listeners. */
    void publish(MessengerEvent event);

    /** Hears the messenger's events until the returned handle runs. */
    Runnable listen(Consumer<MessengerEvent> listener);
}
