package im.magpie.desktop.model;

import im.magpie.client.p2p.DirectChannelException;

import im.magpie.client.CertificateChangedException;
import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.history.HistoryStoreException;

/** Turns what the library throws into a {@link Failure} the windows can explain. */
public final class Failures {
    private Failures() {}

    public static Failure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateChangedException c) {
                return new Failure(Failure.Kind.CERTIFICATE_CHANGED, c.getMessage(), 0, c.pinnedFingerprint(),
                        c.presentedFingerprint());
            }
            // a direct file the friend declined fails the send with this message (architecture.md, "Direct files")
            if (t instanceof DirectChannelException d && String.valueOf(d.getMessage()).contains("declined")) {
                return Failure.of(Failure.Kind.DECLINED, d.getMessage());
            }
            if (t instanceof HistoryStoreException h) {
                return Failure.of(Failure.Kind.OTHER, h.getMessage());
            }
            if (t instanceof IllegalStateException i && i.getMessage() != null && i.getMessage().contains("no session")) {
                return Failure.of(Failure.Kind.SESSION_EXPIRED, i.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        MagpieClientException e = MagpieClientException.unwrap(failure).orElse(null);
        if (e == null) {
            return Failure.of(Failure.Kind.OTHER, String.valueOf(failure.getMessage()));
        }
        if (e instanceof MagpieConnectionException && !e.fromServer()) {
            return Failure.of(e.getMessage() != null && e.getMessage().startsWith("not connected")
                    ? Failure.Kind.OFFLINE : Failure.Kind.UNREACHABLE, e.getMessage());
        }
        Failure.Kind kind = switch (e.errorReason()) {
            case UNAUTHENTICATED -> Failure.Kind.WRONG_PASSWORD;
            case CONFLICT -> Failure.Kind.USERNAME_TAKEN;
            case BAD_REQUEST, TOO_LARGE -> Failure.Kind.INVALID_INPUT;
            case RATE_LIMITED -> Failure.Kind.RATE_LIMITED;
            case NOT_FOUND -> Failure.Kind.NOT_FOUND;
            case FORBIDDEN -> Failure.Kind.FORBIDDEN;
            case UNAVAILABLE -> Failure.Kind.UNREACHABLE;
            default -> Failure.Kind.OTHER;
        };
        return new Failure(kind, e.getMessage(), e.retryAfterSeconds(), null, null);
    }
}
