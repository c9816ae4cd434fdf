package im.magpie.client;

import im.magpie.client.internal.ClientEvent;

/**
 * The server said {@code GoingAway} (shutdown, kicked, idle) and closed the connection. Seen as
 * the cause of {@link ClientEvent.StateChanged} to OFFLINE and of the requests that were in flight.
 */
public final class ServerGoingAwayException extends MagpieConnectionException {
    private final String reason;
    private final boolean reconnect;

    public ServerGoingAwayException(String reason, boolean reconnect) {
        super("the server closed the connection: " + reason);
        this.reason = reason;
        this.reconnect = reconnect;
    }

    /** The server's words, in the Hello locale. */
    public String reason() {
        return reason;
    }

    /** True when the server invites a reconnection (e.g. a restart), false when it does not (kicked). */
    public boolean reconnect() {
        return reconnect;
    }
}
