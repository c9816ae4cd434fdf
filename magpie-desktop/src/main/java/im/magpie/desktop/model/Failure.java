package im.magpie.desktop.model;

/**
 * Why a login or a request failed, in terms the window explains (the text comes from the
 * resource bundle by {@link Kind}).
 *
 * @param kind the kind of failure
 * @param detail the library's message, for OTHER and logs
 * @param retryAfterSeconds with RATE_LIMITED: the wait the server asked for
 * @param pinnedFingerprint with CERTIFICATE_CHANGED: the fingerprint pinned earlier
 * @param presentedFingerprint with CERTIFICATE_CHANGED: the one the server showed now
 */
public record Failure(Kind kind, String detail, int retryAfterSeconds, String pinnedFingerprint,
                      String presentedFingerprint) {
    /** The failures the windows tell apart. */
    public enum Kind {
        WRONG_PASSWORD, SESSION_EXPIRED, USERNAME_TAKEN, INVALID_INPUT, UNREACHABLE, CERTIFICATE_CHANGED,
        RATE_LIMITED, NOT_FOUND, FORBIDDEN, OFFLINE, DECLINED, OTHER
    }

    public static Failure of(Kind kind, String detail) {
        return new Failure(kind, detail, 0, null, null);
    }
}
