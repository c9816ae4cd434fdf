package im.magpie.desktop.view;

import im.magpie.desktop.model.ConnectionState;
import im.magpie.desktop.model.Failure;
import im.magpie.desktop.model.PresenceState;

/** Sentences built from model values: failures, connection states, presence names. */
final class Texts {
    private Texts() {}

    static String failure(I18n i18n, Failure f) {
        if (f == null) {
            return "";
        }
        return switch (f.kind()) {
            case WRONG_PASSWORD -> i18n.get("error.wrongPassword");
            case SESSION_EXPIRED -> i18n.get("error.sessionExpired");
            case USERNAME_TAKEN -> i18n.get("error.usernameTaken");
            case INVALID_INPUT -> i18n.get("error.invalid", f.detail());
            case UNREACHABLE -> i18n.get("error.unreachable");
            case CERTIFICATE_CHANGED -> i18n.get("error.certificateChanged", f.pinnedFingerprint(), f.presentedFingerprint());
            case RATE_LIMITED -> i18n.get("error.rateLimited", f.retryAfterSeconds());
            case NOT_FOUND -> i18n.get("error.notFound");
            case FORBIDDEN -> i18n.get("error.forbidden");
            case OFFLINE -> i18n.get("error.offline");
            case DECLINED -> i18n.get("file.declined");
            case OTHER -> i18n.get("error.other", f.detail());
        };
    }

    static String connection(I18n i18n, ConnectionState s) {
        return switch (s.phase()) {
            case CONNECTING -> i18n.get("conn.connecting");
            case ONLINE -> i18n.get("conn.online");
            case RECONNECTING -> i18n.get("conn.reconnecting", s.retryInSeconds());
            case OFFLINE -> s.reason() == null ? i18n.get("conn.offline")
                    : i18n.get("conn.offlineBecause", failure(i18n, s.reason()));
        };
    }

    static String presence(I18n i18n, PresenceState p) {
        return i18n.get("presence." + p.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** A size for people: "512 B", "3.4 KB", "12.0 MB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
