package im.magpie.client.internal.session;

import im.magpie.client.SessionState;
import java.time.Duration;

/**
 * The session's one state, as a closed set of records: each holds what is true only in it (the
 * link exists only while connecting or online; the failure count only until a login succeeds).
 * Transitions, all made by {@link ConnectionKeeper} on the session thread:
 *
 * <pre>
 * Idle ──start──▶ Connecting ──login ok──▶ Online ──lost──▶ Waiting ──delay──▶ Connecting
 *                     │ failed (retryable) ──────────────────▲
 *                     └ refused / final ──▶ Stopped ◀── stop (from any state), final cause
 * </pre>
 */
sealed interface Phase {
    SessionState publicState();

    /** Not started yet. */
    record Idle() implements Phase {
        @Override
        public SessionState publicState() {
            return SessionState.OFFLINE;
        }
    }

    /** An attempt is under way on {@code link}; {@code failures} attempts failed before it. */
    record Connecting(Link link, int failures) implements Phase {
        @Override
        public SessionState publicState() {
            return SessionState.CONNECTING;
        }
    }

    /** Logged in on {@code link}. */
    record Online(Link link) implements Phase {
        @Override
        public SessionState publicState() {
            return SessionState.ONLINE;
        }
    }

    /** Waiting {@code delay} before the next attempt, after {@code failures} failures in a row. */
    record Waiting(int failures, Duration delay, Scheduler.Cancellable timer) implements Phase {
        @Override
        public SessionState publicState() {
            return SessionState.RECONNECTING;
        }
    }

    /** Stopped for good: closed, logged out, or refused ({@code cause}, null when closed). */
    record Stopped(Throwable cause) implements Phase {
        @Override
        public SessionState publicState() {
            return SessionState.OFFLINE;
        }
    }
}
