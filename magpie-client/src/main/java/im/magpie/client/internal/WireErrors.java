package im.magpie.client.internal;

import im.magpie.client.ErrorReason;
import im.magpie.client.MagpieClientException;
import im.magpie.protocol.proto.Error;
import im.magpie.protocol.proto.ErrorCode;

/**
 * Not API. Translates between the wire's {@link ErrorCode} / {@link Error} frames and the plain
 * {@link MagpieClientException} front ends see, so the public exception names no protobuf type.
 * The two enums correspond one to one ({@link ErrorReason#OTHER} for codes this client does not know).
 */
public final class WireErrors {
    private WireErrors() {
    }

    /** The exception for an {@code Error} frame the server sent in answer to a request. */
    public static MagpieClientException fromServer(Error error) {
        String text = error.getMessage().isBlank() ? error.getCode().name() : error.getMessage();
        return new MagpieClientException(reason(error.getCode()), text, error.getRetryAfterSeconds(), true, null);
    }

    /** A failure detected by the client itself, e.g. an answer of the wrong type. */
    public static MagpieClientException local(ErrorCode code, String message) {
        return new MagpieClientException(reason(code), message, 0, false, null);
    }

    /** The protocol error code of {@code e}; {@code UNAVAILABLE} for connection failures. */
    public static ErrorCode code(MagpieClientException e) {
        return code(e.errorReason());
    }

    public static ErrorReason reason(ErrorCode code) {
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

    public static ErrorCode code(ErrorReason reason) {
        return switch (reason) {
            case BAD_REQUEST -> ErrorCode.BAD_REQUEST;
            case UNAUTHENTICATED -> ErrorCode.UNAUTHENTICATED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case CONFLICT -> ErrorCode.CONFLICT;
            case RATE_LIMITED -> ErrorCode.RATE_LIMITED;
            case TOO_LARGE -> ErrorCode.TOO_LARGE;
            case UNAVAILABLE -> ErrorCode.UNAVAILABLE;
            case INTERNAL -> ErrorCode.INTERNAL;
            case BAD_VERSION -> ErrorCode.BAD_VERSION;
            case OTHER -> ErrorCode.ERROR_CODE_UNSPECIFIED;
        };
    }
}
