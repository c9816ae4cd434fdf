package im.magpie.client;

/**
 * No answer could be had from the server: it is unreachable, the connection closed, the TLS
 * handshake failed, or the request timed out. {@link #code()} is {@code UNAVAILABLE}. Whether the
 * request took effect on the server is unknown.
 */
public class MagpieConnectionException extends MagpieClientException {
    public MagpieConnectionException(String message, Throwable cause) {
        super(ErrorReason.UNAVAILABLE, message, 0, false, cause);
    }

    public MagpieConnectionException(String message) {
        this(message, null);
    }
}
