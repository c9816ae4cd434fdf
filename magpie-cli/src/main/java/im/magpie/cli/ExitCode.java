package im.magpie.cli;

import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.ErrorReason;

/**
 * The exit status of every {@code magpie} command; the table in {@code docs/cli.md} is generated
 * from the same list and must be kept in step. Scripts may rely on these numbers.
 */
public enum ExitCode {
    SUCCESS(0, "success"),
    INTERNAL(1, "internal error (a bug, or the server's INTERNAL error)"),
    USAGE(2, "usage: unknown command or option, missing argument, no password source"),
    UNAUTHENTICATED(3, "authentication: not logged in, wrong password, session expired"),
    FORBIDDEN(4, "permission: logged in but not allowed"),
    NOT_FOUND(5, "not found"),
    CONFLICT(6, "conflict: already exists, or the state does not allow it"),
    RATE_LIMITED(7, "rate limited: try again later"),
    NETWORK(8, "network: server unreachable, connection lost, timeout, TLS or certificate refused, protocol version"),
    QUEUED(9, "queued: message stored locally, will be sent later (reserved for the outbox)"),
    BAD_REQUEST(10, "bad request: the server refused the input (too long, malformed, out of range)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit status for a failed request. */
    public static ExitCode of(MagpieClientException e) {
        if (e instanceof MagpieConnectionException) {
            return NETWORK;
        }
        return of(e.errorReason());
    }

    public static ExitCode of(ErrorReason reason) {
        return switch (reason) {
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case RATE_LIMITED -> RATE_LIMITED;
            case BAD_REQUEST, TOO_LARGE -> BAD_REQUEST;
            case UNAVAILABLE, BAD_VERSION -> NETWORK;
            default -> INTERNAL;
        };
    }
}
