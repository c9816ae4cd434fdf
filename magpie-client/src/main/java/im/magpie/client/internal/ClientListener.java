package im.magpie.client.internal;

/**
 * Observes a {@link MagpieClient}. Events are delivered one at a time, in the order they happened,
 * on a single library thread (never a network thread) that also completes the client's futures,
 * so a push and the response that follows it are seen in order. Do not block in a listener: a
 * slow listener delays every later event and response. Exceptions thrown are logged and ignored.
 */
@FunctionalInterface
public interface ClientListener {
    void onEvent(ClientEvent event);
}
