package im.magpie.cli;

import im.magpie.client.ErrorReason;
import im.magpie.client.LoginResult;
import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.Messenger;
import im.magpie.client.MessengerBuilder;
import im.magpie.client.MessengerEvent;
import im.magpie.client.MessengerListener;
import im.magpie.client.SessionState;
import im.magpie.client.profile.AccountStore;
import im.magpie.client.profile.StoredAccount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command's {@link Messenger}: the one way a command talks to a server. A one-shot command is a
 * short-lived messenger that connects, does its work, syncs and stops ({@link #close()}); whatever
 * an earlier command queued offline goes out on the way, since the messenger's outbox pump runs
 * while it is online.
 *
 * <ul>
 *   <li>{@link #resume(CliContext)}: the selected account ({@code --user}, or the only one stored
 *       for the server), online; fails with the connection's cause when the server cannot be
 *       reached, exit 3 when the session is no longer valid;</li>
 *   <li>{@link #open(CliContext)}: the same, but an unreachable server leaves it offline (local
 *       history and caches only) instead of failing;</li>
 *   <li>{@link #login} and {@link #register}: a password, once.</li>
 * </ul>
 *
 * Used from the command's thread only.
 */
public final class ClientSession implements AutoCloseable {
    static final String CLIENT_NAME = "magpie-cli/0.1.0";
    /** How long a command waits for the connection, the sync and the outbox. */
    static final Duration WAIT = Duration.ofSeconds(15);

    private final CliContext ctx;
    private final Messenger messenger;
    private Throwable offlineCause;

    /** What happened to queued messages, by client message id: null sent, else the refusal. */
    private final Map<String, Optional<MagpieClientException>> outcomes = new ConcurrentHashMap<>();
    /** Messages earlier commands queued, found when this one came online. */
    private Set<String> queuedEarlier = Set.of();

    private ClientSession(CliContext ctx, Messenger messenger) {
        this.ctx = ctx;
        this.messenger = messenger;
        messenger.addListener(Runnable::run, event -> {
            if (event instanceof MessengerEvent.MessageSent sent) {
                outcomes.put(sent.message().clientMsgId(), Optional.empty());
            } else if (event instanceof MessengerEvent.MessageFailed failed) {
                outcomes.put(failed.message().clientMsgId(), Optional.of(failed.reason()));
            }
        });
    }

    /** A messenger with the command line's settings. */
    public static MessengerBuilder builder(CliContext ctx) {
        ServerAddress server = ctx.server();
        return Messenger.builder()
                .server(server.host(), server.port())
                .tls(ctx.options().tls())
                .profileDir(ctx.profileDir())
                .client(c -> c.locale(ctx.messages().locale())
                        .clientName(CLIENT_NAME)
                        .deviceName(CLIENT_NAME)
                        .connectTimeout(Duration.ofSeconds(10))
                        .requestTimeout(Duration.ofSeconds(10))
                        .onServerPinned(pin -> ctx.output().notice(
                                ctx.messages().get("notice.pinned", pin.server(), pin.fingerprint()))));
    }

    /** The selected account, online. */
    public static ClientSession resume(CliContext ctx) {
        return resume(ctx, null);
    }

    /**
     * The selected account, online; {@code listener} (if not null) hears every event from the start,
     * on the session's own thread (so that {@link #finish()} returns after it has seen the sync's events).
     */
    public static ClientSession resume(CliContext ctx, MessengerListener listener) {
        ClientSession session = open(ctx, listener);
        if (!session.online()) {
            Throwable cause = session.offlineCause;
            session.close();
            throw cause instanceof RuntimeException r ? r : new MagpieConnectionException(String.valueOf(cause), cause);
        }
        return session;
    }

    /** The selected account, online if the server can be reached, else offline (see {@link #offlineCause()}). */
    public static ClientSession open(CliContext ctx) {
        return open(ctx, null);
    }

    /** Like {@link #open(CliContext)}, with {@code listener} hearing every event from the start (on the session thread). */
    public static ClientSession open(CliContext ctx, MessengerListener listener) {
        StoredAccount stored = selectAccount(ctx);
        Messenger messenger = builder(ctx).build();
        if (listener != null) {
            messenger.addListener(Runnable::run, listener);
        }
        ClientSession session = new ClientSession(ctx, messenger);
        CompletableFuture<Void> settled = settled(messenger);
        try {
            CompletableFuture<LoginResult> login = messenger.resume(stored.username());
            CompletableFuture.anyOf(login, settled).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            session.offlineCause = e.getCause();
        } catch (TimeoutException e) {
            session.offlineCause = new MagpieConnectionException("no answer from " + messenger.server()
                    + " within " + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.offlineCause = e;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        if (session.offlineCause == null) {
            session.queuedEarlier = messenger.history().outbox().pending().stream()
                    .map(o -> o.clientMsgId()).collect(Collectors.toSet());
        }
        if (session.offlineCause != null) {
            if (session.offlineCause instanceof MagpieClientException e && e.fromServer()
                    && e.errorReason() == ErrorReason.UNAUTHENTICATED) {
                session.close();
                ctx.accounts().delete(stored.server(), stored.username());
                throw ctx.fail(ExitCode.UNAUTHENTICATED, "error.session-expired", stored.username(),
                        stored.server(), e.getMessage());
            }
            if (!(session.offlineCause instanceof MagpieConnectionException)
                    && session.offlineCause instanceof RuntimeException r) {
                session.close();
                throw r;
            }
        }
        return session;
    }

    /** The selected account's local history and caches, without connecting. */
    public static ClientSession local(CliContext ctx) {
        StoredAccount stored = selectAccount(ctx);
        Messenger messenger = builder(ctx).build();
        ClientSession session = new ClientSession(ctx, messenger);
        try {
            messenger.openLocal(stored.username());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        session.offlineCause = new MagpieConnectionException("not connecting (--local)");
        return session;
    }

    /** Completes when the messenger is online; fails with the cause of its first failure. */
    private static CompletableFuture<Void> settled(Messenger messenger) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        MessengerListener listener = event -> {
            if (event instanceof MessengerEvent.StateChanged s) {
                if (s.state() == SessionState.ONLINE) {
                    settled.complete(null);
                } else if (s.cause() != null) {
                    settled.completeExceptionally(s.cause());
                }
            }
        };
        messenger.addListener(Runnable::run, listener);
        settled.whenComplete((v, f) -> messenger.removeListener(listener));
        return settled;
    }

    /** Logs in with a password (once) and keeps the session in the profile. */
    public static ClientSession login(CliContext ctx, String username, String password) {
        return start(ctx, m -> m.login(username, password));
    }

    /** Creates the account, logs in and keeps the session in the profile. */
    public static ClientSession register(CliContext ctx, String username, String password, String nickname) {
        return start(ctx, m -> m.register(username, password, nickname));
    }

    private static ClientSession start(CliContext ctx, java.util.function.Function<Messenger, CompletableFuture<LoginResult>> how) {
        Messenger messenger = builder(ctx).build();
        ClientSession session = new ClientSession(ctx, messenger);
        try {
            session.loginResult = join(how.apply(messenger));
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private LoginResult loginResult;

    /** The answer of {@link #login} or {@link #register}. */
    public LoginResult loginResult() {
        return loginResult;
    }

    /** The account {@code --user} names, or the only one stored for the server. */
    public static StoredAccount selectAccount(CliContext ctx) {
        ServerAddress server = ctx.server();
        AccountStore accounts = ctx.accounts();
        String user = ctx.options().user();
        if (user != null) {
            return accounts.find(server.key(), user)
                    .filter(a -> !a.resumeToken().isEmpty())
                    .orElseThrow(() -> ctx.fail(ExitCode.UNAUTHENTICATED, "error.not-logged-in-as", user, server.key()));
        }
        List<StoredAccount> stored = accounts.list(server.key());
        if (stored.isEmpty()) {
            throw ctx.fail(ExitCode.UNAUTHENTICATED, "error.not-logged-in", server.key());
        }
        if (stored.size() > 1) {
            throw ctx.fail(ExitCode.USAGE, "error.several-accounts", server.key(),
                    String.join(", ", stored.stream().map(StoredAccount::username).toList()));
        }
        return stored.get(0);
    }

    public Messenger messenger() {
        return messenger;
    }

    public boolean online() {
        return messenger.state() == SessionState.ONLINE;
    }

    /** Why the server could not be reached (null when online). */
    public Optional<Throwable> offlineCause() {
        return Optional.ofNullable(offlineCause);
    }

    /** The server's {@code host:port}. */
    public String server() {
        return messenger.server();
    }

    /**
     * Syncs the inbox (so its events are stored and published) and waits for the outbox to empty,
     * within {@link #WAIT}; a no-op when offline. What an earlier offline command queued goes out here.
     */
    public void finish() {
        if (!online()) {
            return;
        }
        try {
            messenger.sync().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            messenger.outboxEmpty().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ctx.output().notice(ctx.messages().get("outbox.not-sent", String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for a future and unwraps its failure: the {@link MagpieClientException} (or any
     * runtime exception) itself, not a {@code CompletionException}.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(cause);
        } catch (TimeoutException e) {
            throw new MagpieConnectionException("no answer within " + WAIT.toSeconds() * 2 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagpieConnectionException("interrupted");
        }
    }

    /**
     * Stops the messenger. What earlier commands queued offline goes out with any command that
     * connects: the messenger sends it, and closing waits for it (bounded) and says what happened.
     */
    @Override
    public void close() {
        try {
            reportQueuedEarlier();
        } finally {
            messenger.close();
        }
    }

    private void reportQueuedEarlier() {
        if (queuedEarlier.isEmpty() || !online()) {
            return;
        }
        try {
            messenger.outboxEmpty().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ctx.output().notice(ctx.messages().get("outbox.not-sent", String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long sent = queuedEarlier.stream().filter(id -> outcomes.containsKey(id) && outcomes.get(id).isEmpty()).count();
        if (sent > 0) {
            ctx.output().notice(ctx.messages().get("outbox.sent", sent));
        }
        for (String id : queuedEarlier) {
            Optional<MagpieClientException> refused = outcomes.getOrDefault(id, Optional.empty());
            refused.ifPresent(reason -> ctx.output().notice(ctx.messages().get("outbox.refused",
                    messenger.history().messageByClientMsgId(id).map(m -> m.text()).orElse(id), reason.getMessage())));
        }
    }
}
