package im.magpie.cli;

import im.magpie.client.MagpieClient;
import im.magpie.client.MagpieClientException;
import im.magpie.client.OutboxSender;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.profile.AccountStore;
import im.magpie.client.profile.StoredAccount;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.LoginOk;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The one way a command gets a connected {@link MagpieClient}.
 *
 * <ul>
 *   <li>{@link #resume(CliContext)}: the usual case. Picks the account ({@code --user}, or the only
 *       one stored for the server), connects, and logs in with the stored resume token. Fails with
 *       exit code 3 and "please log in" when there is no usable token.</li>
 *   <li>{@link #connect(CliContext)}: connected but not logged in, for {@code register} and
 *       {@code login}; {@link #remember(LoginOk)} then stores the new token.</li>
 * </ul>
 *
 * Close it (try-with-resources) to disconnect. Used from the command's thread only.
 */
public final class ClientSession implements AutoCloseable {
    private static final String CLIENT_NAME = "magpie-cli/0.1.0";

    private final CliContext ctx;
    private final ServerAddress server;
    private final MagpieClient client;
    private StoredAccount account;
    private HistoryStore history;

    private ClientSession(CliContext ctx, ServerAddress server, MagpieClient client) {
        this.ctx = ctx;
        this.server = server;
        this.client = client;
    }

    /** Connects without logging in. */
    public static ClientSession connect(CliContext ctx) {
        ServerAddress server = ctx.server();
        MagpieClient client = MagpieClient.builder()
                .host(server.host())
                .port(server.port())
                .tls(ctx.options().tls())
                .profileDir(ctx.profileDir())
                .locale(ctx.messages().locale())
                .clientName(CLIENT_NAME)
                .deviceName(CLIENT_NAME)
                .connectTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(10))
                .onServerPinned(pin -> ctx.output().notice(
                        ctx.messages().get("notice.pinned", pin.server(), pin.fingerprint())))
                .build();
        ClientSession session = new ClientSession(ctx, server, client);
        try {
            join(client.connect());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return session;
    }

    /** Connects and logs in with the stored resume token of the selected account. */
    public static ClientSession resume(CliContext ctx) {
        StoredAccount stored = selectAccount(ctx);
        ClientSession session = connect(ctx);
        try {
            LoginOk ok;
            try {
                ok = join(session.client.resume(stored.resumeToken()));
            } catch (MagpieClientException e) {
                if (e.code() == ErrorCode.UNAUTHENTICATED) {
                    ctx.accounts().delete(stored.server(), stored.username());
                    throw ctx.fail(ExitCode.UNAUTHENTICATED, "error.session-expired", stored.username(),
                            stored.server(), e.getMessage());
                }
                throw e;
            }
            session.account = stored;
            if (!ok.getResumeToken().isEmpty() && !ok.getResumeToken().equals(stored.resumeToken())) {
                session.remember(ok);
            }
            session.sendQueued();
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
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

    /** Stores the resume token of a fresh login/register/resume for later commands. */
    public StoredAccount remember(LoginOk ok) {
        account = new StoredAccount(server.key(), ok.getSelf().getUserId(), ok.getSelf().getUsername(),
                ok.getResumeToken(), ok.getResumeTokenExpiresMs());
        ctx.accounts().save(account);
        return account;
    }

    /** Deletes the stored account (after logout). */
    public void forget() {
        if (account != null) {
            ctx.accounts().delete(account.server(), account.username());
        }
    }

    /**
     * The outbox hook: whatever an earlier command queued while the server was unreachable
     * ({@code magpie send}, exit code 9) is sent now, by whichever command connects next. Never
     * fails the command: problems become notices on stderr.
     */
    private void sendQueued() {
        if (!LocalHistory.exists(ctx, account)) {
            return;
        }
        try {
            OutboxSender.Result result = sendQueued(history());
            if (!result.sent().isEmpty()) {
                ctx.output().notice(ctx.messages().get("outbox.sent", result.sent().size()));
            }
            for (int i = 0; i < result.refused().size(); i++) {
                ctx.output().notice(ctx.messages().get("outbox.refused", result.refused().get(i).text(),
                        result.errors().get(i).getMessage()));
            }
        } catch (RuntimeException e) {
            ctx.output().notice(ctx.messages().get("outbox.not-sent", e.getMessage()));
        }
    }

    /** Sends the outbox of this account now (see {@link OutboxSender}). */
    public OutboxSender.Result sendQueued(HistoryStore store) {
        return OutboxSender.flush(client, store);
    }

    /** The local history of the logged-in account, opened on first use and closed with the session. */
    public HistoryStore history() {
        if (history == null) {
            StoredAccount a = account().orElseThrow(() -> new IllegalStateException("not logged in"));
            history = LocalHistory.open(ctx, a);
        }
        return history;
    }

    public MagpieClient client() {
        return client;
    }

    public ServerAddress server() {
        return server;
    }

    /** The logged-in account; empty for a session from {@link #connect(CliContext)} before login. */
    public Optional<StoredAccount> account() {
        return Optional.ofNullable(account);
    }

    /**
     * Waits for a client future and unwraps its failure: the {@link MagpieClientException} (or any
     * runtime exception) itself, not a {@code CompletionException}.
     */
    public static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (history != null) {
            history.close();
        }
        client.close();
    }
}
