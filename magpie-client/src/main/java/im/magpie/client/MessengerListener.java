package im.magpie.client;

/**
 * Observes a {@link Messenger}. Registered with {@link Messenger#addListener(MessengerListener)}
 * it is called on one library thread, one event at a time, in order; with
 * {@link Messenger#addListener(java.util.concurrent.Executor, MessengerListener)} on that
 * executor instead (e.g. {@code Platform::runLater} for JavaFX, {@code SwingUtilities::invokeLater}).
 * Do not block in it. Exceptions it throws are logged and ignored.
 */
@FunctionalInterface
public interface MessengerListener {
    void onEvent(MessengerEvent event);
}
