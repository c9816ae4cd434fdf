package im.magpie.client;

import im.magpie.protocol.proto.Error;
import im.magpie.protocol.proto.ErrorCode;

/**
 * A request failed. Either the server answered with an {@code Error} frame ({@link #fromServer()}
 * is true, {@link #code()} is the server's code and {@link #getMessage()} its text, in the locale
 * sent in {@code Hello}), or the client could not get an answer at all: see the subclass
 * {@link MagpieConnectionException}.
 *
 * <p>Futures returned by {@link MagpieClient} complete exceptionally with this type (wrapped in a
 * {@link java.util.concurrent.CompletionException} when observed through {@code join()}); use
 * {@link #unwrap(Throwable)} to get it back.
 */
public class MagpieClientException extends RuntimeException {
    private final ErrorCode code;
    private final int retryAfterSeconds;
    private final boolean fromServer;

    protected MagpieClientException(ErrorCode code, String message, int retryAfterSeconds,
                                    boolean fromServer, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.fromServer = fromServer;
    }

    /** The exception for an {@code Error} frame the server sent in answer to a request. */
    public static MagpieClientException fromServer(Error error) {
        String text = error.getMessage().isBlank() ? error.getCode().name() : error.getMessage();
        return new MagpieClientException(error.getCode(), text, error.getRetryAfterSeconds(), true, null);
    }

    /** A failure detected by the client itself, e.g. an answer of the wrong type. */
    public static MagpieClientException local(ErrorCode code, String message) {
        return new MagpieClientException(code, message, 0, false, null);
    }

    /** The protocol error code; {@code UNAVAILABLE} for connection failures. */
    public ErrorCode code() {
        return code;
    }

    /** Why it failed, without the wire schema ({@link ErrorReason#UNAVAILABLE} for connection failures). */
    public ErrorReason errorReason() {
        if (code == null) {
            return ErrorReason.OTHER;
        }
        return switch (code) {
            case BAD_REQUEST -> ErrorReason.BAD_REQUEST;
            case UNAUTHENTICATED -> ErrorReason.UNAUTHENTICATED;
            case FORBIDDEN -> ErrorReason.FORBIDDEN;
            case NOT_FOUND -> ErrorReason.NOT_FOUND;
            case CONFLICT -> ErrorReason.CONFLICT;
            case RATE_LIMITED -> ErrorReason.RATE_LIMITED;
            case TOO_LARGE -> ErrorReason.TOO_LARGE;
            case UNAVAILABLE -> ErrorReason.UNAVAILABLE;
            case INTERNAL -> ErrorReason.INTERNAL;
            case BAD_VERSION -> ErrorReason.BAD_VERSION;
            default -> ErrorReason.OTHER;
        };
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
