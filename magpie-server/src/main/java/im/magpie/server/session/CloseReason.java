package im.magpie.server.session;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a connection ended: a {@link Kind} to count and match on, and a detail for the log. A
 * connection keeps the first reason it is given (see {@link Connection#close(CloseReason)}), so
 * the disconnect line says what really ended it, not the "peer closed" that always follows.
 */
public record CloseReason(Kind kind, String detail) {

    /** The kinds of endings, each logged by its {@link #label()}. */
    public enum Kind {
        /** The client closed the connection, or the network did. */
        PEER_CLOSED,
        /** Nothing received for three heartbeat intervals. */
        HEARTBEAT_TIMEOUT,
        /** No Hello within the Hello deadline after connecting. */
        HELLO_DEADLINE,
        /** No login within the login deadline after Hello. */
        LOGIN_DEADLINE,
        /** A frame was started and not finished within the frame deadline. */
        FRAME_DEADLINE,
        /** A frame announced more than the limit (the pre-login one before login). */
        FRAME_TOO_LARGE,
        /** Bytes that are not a frame. */
        MALFORMED_FRAME,
        /** A frame out of place: no Hello first, an unsupported protocol version. */
        PROTOCOL_ERROR,
        /** The unauthenticated connections' shared buffer budget is spent. */
        PRE_LOGIN_MEMORY,
        /** Too many connections from one address that have not logged in. */
        TOO_MANY_UNAUTHENTICATED,
        /** The client does not read what we send. */
        SLOW_CONSUMER,
        /** The server is stopping. */
        SERVER_SHUTDOWN,
        /** An unexpected error on the channel. */
        ERROR,
        /** Anything else, described by the detail. */
        OTHER;

        /** "heartbeat timeout", "frame too large", ... */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public CloseReason {
        Objects.requireNonNull(kind);
        detail = detail == null ? "" : detail;
    }

    public static CloseReason of(Kind kind) {
        return new CloseReason(kind, "");
    }

    public static CloseReason of(Kind kind, String detail) {
        return new CloseReason(kind, detail);
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? kind.label() : kind.label() + ": " + detail;
    }
}
