package im.magpie.client;

import im.magpie.client.internal.Messages;

/**
 * Where a {@link Messenger} is, as a UI shows it.
 *
 * <ul>
 *   <li>{@code CONNECTING}: a connection attempt is under way;</li>
 *   <li>{@code ONLINE}: connected and logged in; the outbox is being sent and history synced;</li>
 *   <li>{@code RECONNECTING}: the connection was lost or could not be made; the next attempt is
 *       scheduled ({@link MessengerEvent.StateChanged#retryIn()} says when);</li>
 *   <li>{@code OFFLINE}: not trying: not started, closed, logged out, or stopped for good (e.g. the
 *       session token was refused, or the server's certificate changed: see the cause).</li>
 * </ul>
 * Messages can be sent in every state: they wait in the outbox.
 */
public enum SessionState {
    CONNECTING,
    ONLINE,
    RECONNECTING,
    OFFLINE
}
