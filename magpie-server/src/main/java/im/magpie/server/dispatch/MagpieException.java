package im.magpie.server.dispatch;

import im.magpie.protocol.proto.ErrorCode;

/**
 * A request failed for a reason the client should hear about: a typed wire {@link ErrorCode} and a
 * message key rendered in the connection's language by {@link ServerText}. Thrown by features,
 * mapped to an {@code Error} frame in one place ({@link Dispatcher}). Nothing was changed when it
 * is thrown: features check before they write.
 */
public class MagpieException extends RuntimeException {
    private final ErrorCode code;
    private final String key;
    private final transient Object[] args;
    private final int retryAfterSeconds;

    public MagpieException(ErrorCode code, int retryAfterSeconds, String key, Object... args) {
        super(key, null, false, false); // client errors are expected: no stack trace
        this.code = code;
        this.key = key;
        this.args = args;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static MagpieException badRequest(String key, Object... args) {
        return new MagpieException(ErrorCode.BAD_REQUEST, 0, key, args);
    }

    public static MagpieException unauthenticated(String key, Object... args) {
        return new MagpieException(ErrorCode.UNAUTHENTICATED, 0, key, args);
    }

    public static MagpieException forbidden(String key, Object... args) {
        return new MagpieException(ErrorCode.FORBIDDEN, 0, key, args);
    }

    public static MagpieException notFound(String key, Object... args) {
        return new MagpieException(ErrorCode.NOT_FOUND, 0, key, args);
    }

    public static MagpieException conflict(String key, Object... args) {
        return new MagpieException(ErrorCode.CONFLICT, 0, key, args);
    }

    public static MagpieException rateLimited(int retryAfterSeconds, String key, Object... args) {
        return new MagpieException(ErrorCode.RATE_LIMITED, Math.max(1, retryAfterSeconds), key, args);
    }

    public static MagpieException tooLarge(String key, Object... args) {
        return new MagpieException(ErrorCode.TOO_LARGE, 0, key, args);
    }

    public static MagpieException unavailable(String key, Object... args) {
        return new MagpieException(ErrorCode.UNAVAILABLE, 1, key, args);
    }

    public ErrorCode code() {
        return code;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
