package im.magpie.client;

/**
 * Why a request failed, as {@link MagpieClientException#errorReason()} says, without the wire schema.
 * Connection failures are {@link #UNAVAILABLE}.
 */
public enum ErrorReason {
    /** Malformed or out-of-range input; nothing changed. */
    BAD_REQUEST,
    /** Not logged in, wrong credentials, session token refused. */
    UNAUTHENTICATED,
    /** Logged in, but not allowed (e.g. not friends). */
    FORBIDDEN,
    NOT_FOUND,
    /** Already exists, or the state does not allow it. */
    CONFLICT,
    /** Too many requests: see {@link MagpieClientException#retryAfterSeconds()}. */
    RATE_LIMITED,
    TOO_LARGE,
    /** Server busy or unreachable; try again later. */
    UNAVAILABLE,
    /** The server's fault. */
    INTERNAL,
    /** The protocol version is not spoken. */
    BAD_VERSION,
    /** A code this version does not know. */
    OTHER
}
