package im.magpie.client.internal.session;

import im.magpie.client.MessengerEvent;
import im.magpie.client.history.HistoryPaths;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.HistoryStoreOptions;
import im.magpie.client.internal.Backoff;
import im.magpie.client.internal.DirectWiring;
import im.magpie.client.internal.ListenerHub;
import im.magpie.client.internal.MagpieClient;
import im.magpie.client.p2p.DirectSettings;
import im.magpie.client.profile.AccountStore;
import im.magpie.client.profile.StoredAccount;
import im.magpie.protocol.proto.LoginOk;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a {@link im.magpie.client.Messenger} holds from start to close: the account's history
 * store, its {@link Session}, the session thread and the event thread, and the profile where the
 * token is kept. A messenger starts once; everything is closed once. Thread-safe.
 */
public final class AccountHolder implements AutoCloseable {
    private final String host;
    private final int port;
    private final Path profileDir;
    private final AccountStore accounts;
    /** False: the resume token is never written to the profile (it stays in the session's memory). */
    private final boolean keepSession;
    private final ListenerHub<MessengerEvent> events = new ListenerHub<>("magpie-messenger-events");
    private final LoopScheduler scheduler = new LoopScheduler("magpie-session", Clock.systemUTC());
    private final Object lock = new Object();
    private HistoryStore store;
    private Session session;
    private DirectWiring direct;
    private String username;
    private boolean closed;

    public AccountHolder(String host, int port, Path profileDir, boolean keepSession) {
        this.host = host;
        this.port = port;
        this.profileDir = profileDir;
        this.accounts = new AccountStore(profileDir);
        this.keepSession = keepSession;
    }

    public ListenerHub<MessengerEvent> events() {
        return events;
    }

    public String server() {
        return im.magpie.client.KnownServers.key(host, port);
    }

    public Path historyFile(String username) {
        return HistoryPaths.databaseFile(profileDir, host, port, username);
    }

    public Optional<StoredAccount> storedSession(String username) {
        return accounts.find(server(), username).filter(a -> !a.resumeToken().isEmpty());
    }

    /** The stored session of {@code username}; {@link IllegalStateException} if there is none. */
    public StoredAccount requireStored(String username) {
        return storedSession(username).orElseThrow(() -> new IllegalStateException(
                "no session of " + username + " on " + server() + " in " + accounts.profileDir()
                        + ": log in with a password first"));
    }

    /**
     * Opens the account's store and makes its (not yet started) session, with direct channels to
     * friends as {@code directSettings} say; once per holder.
     */
    public Session create(String username, long userId, HistoryStoreOptions options, Backoff backoff,
                          Supplier<MagpieClient> clients, DirectSettings directSettings) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (session != null) {
                throw new IllegalStateException("already started as " + this.username);
            }
            this.username = username;
            store = HistoryStore.open(historyFile(username), options);
            direct = new DirectWiring(directSettings, store, events::publish);
            session = new Session(scheduler, ClientLink.dialer(clients), backoff, store, userId, events::publish,
                    this::remember, direct.detour());
            direct.attach(session);
            return session;
        }
    }

    /** Called at every login, the reconnects' too. */
    private void remember(LoginOk ok) {
        if (!keepSession) {
            accounts.delete(server(), ok.getSelf().getUsername());
            return;
        }
        accounts.save(new StoredAccount(server(), ok.getSelf().getUserId(), ok.getSelf().getUsername(),
                ok.getResumeToken(), ok.getResumeTokenExpiresMs()));
    }

    /** Forgets the stored session (after a logout). */
    public void forget() {
        accounts.delete(server(), username);
    }

    /** The session; {@link IllegalStateException} before login, register, resume or openLocal. */
    public Session started() {
        synchronized (lock) {
            if (session == null) {
                throw new IllegalStateException("not started: call login, register or resume first");
            }
            return session;
        }
    }

    public Optional<Session> session() {
        synchronized (lock) {
            return Optional.ofNullable(session);
        }
    }

    /** The direct channels of the session, once created. */
    public Optional<DirectWiring> direct() {
        synchronized (lock) {
            return Optional.ofNullable(direct);
        }
    }

    public HistoryStore store() {
        synchronized (lock) {
            if (store == null) {
                throw new IllegalStateException("not started: call login, register or resume first");
            }
            return store;
        }
    }

    public String username() {
        started();
        synchronized (lock) {
            return username;
        }
    }

    /** Disconnects, stops the threads, closes the store. Idempotent. */
    @Override
    public void close() {
        Session s;
        HistoryStore h;
        DirectWiring d;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            s = session;
            h = store;
            d = direct;
        }
        if (d != null) {
            d.close(); // first: a message on its way over a channel goes to the server next time
        }
        if (s != null) {
            try {
                s.stop().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        scheduler.close();
        if (h != null) {
            h.close();
        }
        events.close();
    }
}
