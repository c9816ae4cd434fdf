package im.magpie.client;

/**
 * A request failed. Either the server answered with an error ({@link #fromServer()} is true,
 * {@link #errorReason()} is the server's reason and {@link #getMessage()} its text, in the locale
 * the client asked for), or the client could not get an answer at all: see the subclass
 * {@link MagpieConnectionException}.
 *
 * <p>Futures returned by {@link Messenger} and its facets complete exceptionally with this type
 * (wrapped in a {@link java.util.concurrent.CompletionException} when observed through
 * {@code join()}); use {@link #unwrap(Throwable)} to get it back.
 */
public class MagpieClientException extends RuntimeException {
    private final ErrorReason reason;
    private final int retryAfterSeconds;
    private final boolean fromServer;

    /**
     * For the client's own layers; front ends receive these, they do not make them.
     *
     * @param retryAfterSeconds what the server asked for with RATE_LIMITED/UNAVAILABLE, else 0
     * @param fromServer true when the server sent this error, false when the client detected it
     */
    public MagpieClientException(ErrorReason reason, String message, int retryAfterSeconds,
                                 boolean fromServer, Throwable cause) {
        super(message, cause);
        this.reason = reason == null ? ErrorReason.OTHER : reason;
        this.retryAfterSeconds = retryAfterSeconds;
        this.fromServer = fromServer;
    }

    /** Why it failed ({@link ErrorReason#UNAVAILABLE} for connection failures). */
    public ErrorReason errorReason() {
        return reason;
    }

    /** Seconds the server asks us to wait before retrying (with RATE_LIMITED/UNAVAILABLE), else 0. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** True when the server sent this error; false when the client detected it. */
    public boolean fromServer() {
        return fromServer;
    }

    /**
     * Finds a {@code MagpieClientException} in {@code failure} or its causes (futures wrap
     * exceptions in {@code CompletionException}/{@code ExecutionException}); empty if none.
     */
    public static java.util.Optional<MagpieClientException> unwrap(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MagpieClientException e) {
                return java.util.Optional.of(e);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return java.util.Optional.empty();
    }
}
