package im.magpie.client.internal.session;

import im.magpie.client.CertificateChangedException;
import im.magpie.client.ConnectionState;
import im.magpie.client.ErrorReason;
import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.MessengerEvent;
import im.magpie.client.ServerGoingAwayException;
import im.magpie.client.SessionState;
import im.magpie.client.internal.Backoff;
import im.magpie.client.internal.ClientEvent;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.LoginOk;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Connecting and staying connected: dials, logs in (the password once, then the resume token),
 * retries with backoff, and decides when retrying cannot help. Owns the session's {@link Phase};
 * tells the {@link Listener} when a link is logged in or gone and hands it the link's pushes.
 * Confined to the {@link Scheduler}'s thread except {@link #state()} and {@link #onlineLink()}.
 */
final class ConnectionKeeper {
    /** What the keeper tells the rest of the session, on the session thread. */
    interface Listener {
        void online(Link link, LoginOk ok);

        void offline();

        void push(Frame frame);

        void heartbeat(long latestSeq);
    }

    private final Scheduler scheduler;
    private final Dialer dialer;
    private final Backoff backoff;
    private final Consumer<MessengerEvent> publish;
    private final Listener listener;
    private final LongSupplier heldFriendListVersion;
    private final Consumer<LoginOk> remember;

    private volatile Phase phase = new Phase.Idle();
    private Credentials credentials;
    private CompletableFuture<LoginOk> firstLogin;

    ConnectionKeeper(Scheduler scheduler, Dialer dialer, Backoff backoff, Consumer<MessengerEvent> publish,
                     Listener listener, LongSupplier heldFriendListVersion, Consumer<LoginOk> remember) {
        this.scheduler = scheduler;
        this.dialer = dialer;
        this.backoff = backoff;
        this.publish = publish;
        this.listener = listener;
        this.heldFriendListVersion = heldFriendListVersion;
        this.remember = remember;
    }

    /** Any thread. */
    SessionState state() {
        return phase.publicState();
    }

    /** The logged-in link, if online. Any thread; may be stale at once. */
    Optional<Link> onlineLink() {
        return phase instanceof Phase.Online online ? Optional.of(online.link()) : Optional.empty();
    }

    /**
     * Starts. The future completes with the first login; it fails when the credentials are refused
     * (or, for a password or registration, at the first failure of any kind) or the session stops.
     */
    CompletableFuture<LoginOk> start(Credentials first) {
        CompletableFuture<LoginOk> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (!(phase instanceof Phase.Idle)) {
                result.completeExceptionally(new IllegalStateException("already started"));
                return;
            }
            credentials = first;
            firstLogin = result;
            dial(0);
        });
        return result;
    }

    /** Stops for good (idempotent). */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            stopWith(null);
            done.complete(null);
        });
        return done;
    }

    private void dial(int failures) {
        Credentials using = credentials instanceof Credentials.Token t
                ? new Credentials.Token(t.token(), heldFriendListVersion.getAsLong()) : credentials;
        Link[] self = new Link[1];
        Dialer.Dialed attempt = dialer.dial(using, event -> scheduler.execute(() -> onEvent(self[0], event)));
        self[0] = attempt.link();
        enter(new Phase.Connecting(attempt.link(), failures), null, null);
        attempt.loggedIn().whenComplete((ok, failure) -> scheduler.execute(() -> {
            if (!(phase instanceof Phase.Connecting c) || c.link() != attempt.link()) {
                return; // stopped or superseded meanwhile
            }
            if (failure != null) {
                failed(attempt.link(), failures, unwrap(failure));
            } else {
                loggedIn(attempt.link(), ok);
            }
        }));
    }

    private void loggedIn(Link link, LoginOk ok) {
        if (!ok.getResumeToken().isEmpty()) {
            credentials = new Credentials.Token(ok.getResumeToken(), 0);
        }
        try {
            remember.accept(ok);
        } catch (RuntimeException e) {
            // the session works without a stored token; only a later resume would not
        }
        phase = new Phase.Online(link);
        listener.online(link, ok); // before ONLINE is announced: listeners then find the caches current
        publish.accept(new MessengerEvent.StateChanged(SessionState.ONLINE, null, null));
        if (firstLogin != null) {
            firstLogin.complete(ok);
            firstLogin = null;
        }
    }

    private void onEvent(Link link, ClientEvent event) {
        boolean current = phase instanceof Phase.Online o && o.link() == link
                || phase instanceof Phase.Connecting c && c.link() == link;
        if (!current) {
            return;
        }
        if (event instanceof ClientEvent.StateChanged change && change.state() == ConnectionState.OFFLINE) {
            if (phase instanceof Phase.Online) {
                lost(link, change.cause());
            }
            // while connecting, the failed login future reports it
        } else if (event instanceof ClientEvent.Heartbeat beat && phase instanceof Phase.Online) {
            listener.heartbeat(beat.latestSeq());
        } else if (event instanceof ClientEvent.Push push) {
            Frame frame = push.frame();
            if (frame.hasGoingAway()) {
                boolean reconnect = frame.getGoingAway().getReconnect();
                publish.accept(new MessengerEvent.ServerGoingAway(frame.getGoingAway().getReason(), reconnect));
                if (!reconnect) {
                    stopWith(new MagpieConnectionException("the server closed the session: "
                            + frame.getGoingAway().getReason()));
                }
            } else if (phase instanceof Phase.Online) {
                listener.push(frame);
            }
        }
    }

    private void failed(Link link, int failures, Throwable cause) {
        close(link);
        if (firstLogin != null && (credentials.triedOnce() || isRefusal(cause)) || isFinal(cause)) {
            stopWith(cause);
            return;
        }
        waitAndRetry(failures, cause);
    }

    private void lost(Link link, Throwable cause) {
        close(link);
        listener.offline();
        if (isFinal(cause)) {
            stopWith(cause);
            return;
        }
        waitAndRetry(0, cause);
    }

    private void waitAndRetry(int failures, Throwable cause) {
        Duration delay = backoff.delay(failures);
        Scheduler.Cancellable timer = scheduler.schedule(() -> {
            if (phase instanceof Phase.Waiting w && w.failures() == failures + 1) {
                dial(failures + 1);
            }
        }, delay);
        enter(new Phase.Waiting(failures + 1, delay, timer), delay, cause);
    }

    private void stopWith(Throwable cause) {
        Phase before = phase;
        if (before instanceof Phase.Stopped) {
            return;
        }
        if (before instanceof Phase.Online online) {
            close(online.link());
            listener.offline();
        } else if (before instanceof Phase.Connecting connecting) {
            close(connecting.link());
        } else if (before instanceof Phase.Waiting waiting) {
            waiting.timer().cancel();
        }
        enter(new Phase.Stopped(cause), null, cause);
        if (firstLogin != null) {
            firstLogin.completeExceptionally(cause != null ? cause
                    : new MagpieConnectionException("the session was closed"));
            firstLogin = null;
        }
    }

    private void enter(Phase next, Duration retryIn, Throwable cause) {
        SessionState before = phase.publicState();
        phase = next;
        if (before != next.publicState() || next instanceof Phase.Waiting) {
            publish.accept(new MessengerEvent.StateChanged(next.publicState(), retryIn, cause));
        }
    }

    private static void close(Link link) {
        ForkJoinPool.commonPool().execute(link::close); // may wait for the socket: not on the session thread
    }

    /** The server refused the credentials or request (not a lost connection). */
    static boolean isRefusal(Throwable cause) {
        return cause instanceof MagpieClientException e && !(e instanceof MagpieConnectionException) && e.fromServer();
    }

    /** Causes after which trying again cannot help without the user. */
    static boolean isFinal(Throwable cause) {
        if (cause instanceof CertificateChangedException) {
            return true;
        }
        if (cause instanceof ServerGoingAwayException away && !away.reconnect()) {
            return true;
        }
        return cause instanceof MagpieClientException e && e.fromServer()
                && (e.errorReason() == ErrorReason.UNAUTHENTICATED || e.errorReason() == ErrorReason.BAD_VERSION);
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
