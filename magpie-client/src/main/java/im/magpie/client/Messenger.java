package im.magpie.client;

import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.ConversationRecord;
import im.magpie.client.history.HistoryPaths;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.HistoryStoreOptions;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.OutgoingMessage;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.SearchHit;
import im.magpie.client.history.SearchQuery;
import im.magpie.client.internal.Backoff;
import im.magpie.client.internal.ListenerHub;
import im.magpie.client.internal.DirectWiring;
import im.magpie.client.internal.OutboxDetour;
import im.magpie.client.internal.SessionEngine;
import im.magpie.client.history.PeerKind;
import im.magpie.client.p2p.ConversationPath;
import im.magpie.client.p2p.DirectChannels;
import im.magpie.client.p2p.DirectSettings;
import im.magpie.client.profile.AccountStore;
import im.magpie.client.profile.StoredAccount;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.ReceiptKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * One account on one server, kept connected: the object an application talks to.
 *
 * <pre>{@code
 * try (Messenger messenger = Messenger.builder().server("chat.example", 7878).build()) {
 *     messenger.addListener(event -> System.out.println(event));
 *     messenger.login("alice", password).join();          // later runs: messenger.resume("alice")
 *     List<ContactRecord> friends = messenger.friends();
 *     messenger.send(PeerRef.user(friends.get(0).userId()), "你好, Bob");
 *     MessagePage page = messenger.openConversation(PeerRef.user(friends.get(0).userId()), 50);
 *     List<SearchHit> hits = messenger.search("你好");
 * }
 * }</pre>
 *
 * <p><b>Offline first.</b> Everything reads the local history ({@link HistoryStore}, one SQLite
 * database per account and server under the profile directory), which is there without a
 * network. {@link #send} writes the message to the store's outbox before anything goes on the
 * wire and returns at once; the outbox is sent in order whenever the session is online, each
 * message with the same client message id on every attempt, so the server stores it once even
 * after restarts of the client or the server.
 *
 * <p><b>Staying connected.</b> A lost connection (network, server restart, garbage from the
 * server) is retried with exponential backoff and jitter, capped at {@link Builder#reconnectDelays
 * 30 s} by default, logging in again with the resume token, then syncing every inbox event missed.
 * The session stops for good ({@link SessionState#OFFLINE} with a cause) only when retrying
 * cannot help: the token or password was refused, the server's certificate changed, the protocol
 * version is not spoken, or the server ended the session without inviting a reconnection.
 *
 * <p><b>Events and threads.</b> Thread-safe: call any method from any thread. Methods that read
 * or write the store block briefly (a SQLite transaction); call them off a UI thread if that
 * matters. Events ({@link MessengerEvent}) go to listeners on one library thread, or on the
 * executor a listener was registered with.
 *
 * <p><b>Failures.</b> Store methods throw {@link im.magpie.client.history.HistoryStoreException}
 * (naming the database file); background writes that fail are reported as
 * {@link MessengerEvent.StoreFailed} and retried, never dropped.
 */
public final class Messenger implements AutoCloseable {
    private final Builder config;
    private final AccountStore accounts;
    private final ListenerHub<MessengerEvent> events = new ListenerHub<>("magpie-messenger-events");
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "magpie-messenger");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private HistoryStore store;
    private SessionEngine engine;
    private DirectChannels direct;
    private String username;
    private boolean closed;

    private Messenger(Builder config) {
        this.config = config;
        this.accounts = new AccountStore(config.profileDir);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port}, as in the profile. */
    public String server() {
        return KnownServers.key(config.host, config.port);
    }

    // ------------------------------------------------------------------------------ starting

    /**
     * Connects and logs in with a password, then stays connected. The session token is stored in
     * the profile so that {@link #resume} works later without the password. Fails (and stops)
     * when the server is unreachable or refuses the password; a messenger starts once, so build a
     * new one to try again.
     *
     * @throws im.magpie.client.history.HistoryStoreException (at once) if the account's local
     *     history cannot be opened: damaged, locked by another program, newer schema
     */
    public CompletableFuture<LoginOk> login(String username, String password) {
        Objects.requireNonNull(password, "password");
        return start(username, 0, c -> c.login(username, password), true);
    }

    /** Creates the account, logs in, and stays connected (like {@link #login}). */
    public CompletableFuture<LoginOk> register(String username, String password, String nickname) {
        return start(username, 0, c -> c.register(username, password, nickname), true);
    }

    /**
     * Opens the account logged in earlier (its token is in the profile) and keeps trying to
     * connect. The local history is usable at once, and {@link #send} queues messages even while
     * the server is unreachable. The future completes at the first successful login; it fails
     * only if the token is refused (log in with the password again) or the session is closed.
     *
     * @throws IllegalStateException if the profile holds no session for {@code username}
     */
    public CompletableFuture<LoginOk> resume(String username) {
        StoredAccount stored = accounts.find(server(), username)
                .filter(a -> !a.resumeToken().isEmpty())
                .orElseThrow(() -> new IllegalStateException("no session of " + username + " on " + server()
                        + " in " + accounts.profileDir() + ": log in with a password first"));
        return start(stored.username(), stored.userId(),
                c -> c.resume(stored.resumeToken(), started().heldFriendListVersion()), false);
    }

    private CompletableFuture<LoginOk> start(String username, long userId,
                                             Function<MagpieClient, CompletableFuture<LoginOk>> auth,
                                             boolean giveUpOnFirstFailure) {
        Objects.requireNonNull(username, "username");
        SessionEngine started;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (engine != null) {
                throw new IllegalStateException("already started as " + this.username);
            }
            this.username = username;
            store = HistoryStore.open(historyFile(username), config.historyOptions);
            Backoff backoff = new Backoff(config.initialDelay, config.maxDelay, config.random);
            direct = DirectWiring.start(config.direct, this::userId, this::request, store, events);
            engine = new SessionEngine(loop, config.clientBuilder::build, store, backoff, events, userId,
                    this::remember, direct == null ? OutboxDetour.NONE : DirectWiring.detour(direct));
            started = engine;
        }
        return started.start(auth, giveUpOnFirstFailure);
    }

    // ------------------------------------------------------------------------------ direct channels

    /**
     * How the conversation with a friend travels now: {@link ConversationPath#DIRECT} over an open
     * direct channel, else {@link ConversationPath#VIA_SERVER}. Changes arrive as
     * {@link MessengerEvent.PathChanged}.
     */
    public ConversationPath path(PeerRef peer) {
        DirectChannels d;
        synchronized (lock) {
            d = direct;
        }
        return d == null || peer.kind() != PeerKind.USER ? ConversationPath.VIA_SERVER : d.path(peer.id());
    }

    /**
     * Opens a direct channel to a friend now (it also opens by itself when a message is sent);
     * completes with the path once the attempt settled. Via the server when direct channels are off.
     */
    public CompletableFuture<ConversationPath> openDirect(PeerRef peer) {
        DirectChannels d;
        synchronized (lock) {
            d = direct;
        }
        return d == null || peer.kind() != PeerKind.USER ? CompletableFuture.completedFuture(ConversationPath.VIA_SERVER)
                : d.open(peer.id());
    }

    private void remember(LoginOk ok) {
        accounts.save(new StoredAccount(server(), ok.getSelf().getUserId(), ok.getSelf().getUsername(),
                ok.getResumeToken(), ok.getResumeTokenExpiresMs()));
    }

    /** Where the history database of {@code username} on this server lives. */
    public Path historyFile(String username) {
        return HistoryPaths.databaseFile(config.profileDir, config.host, config.port, username);
    }

    // ------------------------------------------------------------------------------ state

    public SessionState state() {
        SessionEngine e = engine();
        return e == null ? SessionState.OFFLINE : e.state();
    }

    /** This account's user id; 0 before the first login of a {@link #login}/{@link #register}. */
    public long userId() {
        return started().selfUserId();
    }

    public String username() {
        started();
        return username;
    }

    /** The local history of this account (shared, thread-safe). */
    public HistoryStore history() {
        synchronized (lock) {
            if (store == null) {
                throw new IllegalStateException("not started: call login, register or resume first");
            }
            return store;
        }
    }

    /**
     * The connected, logged-in client, for feature requests (friends, groups, ...); empty while
     * not online. Do not close it or log it out: the messenger owns it.
     */
    public Optional<MagpieClient> client() {
        SessionEngine e = engine();
        return e == null ? Optional.empty() : e.onlineClient();
    }

    /** Sends a request over the current connection; fails with {@link MagpieConnectionException} when offline. */
    public CompletableFuture<Frame> request(Frame.Builder body, Frame.BodyCase expected) {
        return client().map(c -> c.request(body, expected)).orElseGet(() -> CompletableFuture.failedFuture(
                new MagpieConnectionException("not connected to " + server() + " (" + state() + ")")));
    }

    // ------------------------------------------------------------------------------ reading

    /** Friends, from the local cache (refreshed at every login and when the friend list changes). */
    public List<ContactRecord> friends() {
        return history().contacts();
    }

    /** Asks the server for the friend list, replaces the local cache with it and returns it. */
    public CompletableFuture<List<ContactRecord>> refreshFriends() {
        return client().map(c -> c.friends().list()).orElseGet(() -> CompletableFuture.failedFuture(
                        new MagpieConnectionException("not connected to " + server() + " (" + state() + ")")))
                .thenApply(list -> {
                    List<ContactRecord> contacts = im.magpie.client.history.HistoryMappers.toContacts(list);
                    history().replaceContacts(contacts, list.getVersion());
                    return history().contacts();
                });
    }

    /** Asks the server for this account's groups, replaces the local cache with them and returns them. */
    public CompletableFuture<List<im.magpie.client.history.GroupRecord>> refreshGroups() {
        return client().map(c -> c.groups().list()).orElseGet(() -> CompletableFuture.failedFuture(
                        new MagpieConnectionException("not connected to " + server() + " (" + state() + ")")))
                .thenApply(groups -> {
                    history().replaceGroups(groups.stream().map(im.magpie.client.history.HistoryMappers::toGroup).toList());
                    return history().groups();
                });
    }

    /** The conversation list, most recent first, with unread counts. */
    public List<ConversationRecord> conversations(int limit) {
        return history().conversations(limit);
    }

    /** Opens a conversation (creating it if new) and returns its newest {@code limit} messages, newest first. */
    public MessagePage openConversation(PeerRef peer, int limit) {
        history().openConversation(peer);
        return history().latestMessages(peer, limit);
    }

    /** Searches the local history: Chinese substrings and English words, newest first. */
    public List<SearchHit> search(String text) {
        return history().search(SearchQuery.of(text));
    }

    public List<SearchHit> search(SearchQuery query) {
        return history().search(query);
    }

    // ------------------------------------------------------------------------------ writing

    /**
     * Queues a text message and returns it as stored (status SENDING). It is in the local
     * database before this returns and is sent as soon as the session is online; watch for
     * {@link MessengerEvent.MessageSent} / {@link MessengerEvent.MessageFailed}.
     *
     * @throws im.magpie.client.history.HistoryStoreException if it could not be stored (nothing was queued)
     * @throws IllegalStateException before the user id is known (a first password login still running)
     */
    public MessageRecord send(PeerRef to, String text) {
        SessionEngine e = started();
        long self = e.selfUserId();
        if (self <= 0) {
            throw new IllegalStateException("the account's user id is not known yet: wait for login");
        }
        HistoryStore history = history();
        String clientMsgId = history.enqueueOutgoing(OutgoingMessage.text(to, self, text));
        e.outboxChanged();
        return history.messageByClientMsgId(clientMsgId).orElseThrow();
    }

    /** Queues a FAILED message again (same client id). */
    public boolean retry(String clientMsgId) {
        boolean queued = history().retryFailed(clientMsgId);
        if (queued) {
            started().outboxChanged();
        }
        return queued;
    }

    /** Completes when every queued message has been acknowledged by the server. */
    public CompletableFuture<Void> outboxEmpty() {
        return started().outboxEmpty();
    }

    /** Marks the conversation read here and tells the sender (a READ receipt) when online. */
    public void markRead(PeerRef peer) {
        long upTo = history().markAllRead(peer);
        if (upTo > 0) {
            started().sendReceipt(peer, ReceiptKind.READ, upTo);
        }
    }

    // ------------------------------------------------------------------------------ listening

    /** Receives events on the library's event thread. */
    public void addListener(MessengerListener listener) {
        Objects.requireNonNull(listener, "listener");
        events.add(events.libraryThread(), listener::onEvent);
    }

    /**
     * Receives events on {@code executor}, e.g. {@code Platform::runLater} for JavaFX: the adapter
     * for UI toolkits that must be called on their own thread.
     */
    public void addListener(Executor executor, MessengerListener listener) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(listener, "listener");
        events.add(executor, new Delivered(listener));
    }

    public void removeListener(MessengerListener listener) {
        events.remove(listener);
    }

    /** Wraps a listener so that {@link #removeListener} finds it by identity. */
    private record Delivered(MessengerListener listener) implements Consumer<MessengerEvent> {
        @Override
        public void accept(MessengerEvent event) {
            listener.onEvent(event);
        }
    }

    // ------------------------------------------------------------------------------ ending

    /**
     * Logs out on the server (revoking the token), forgets the stored session and stops. The local
     * history stays. Fails when offline (the token then stays valid until it expires).
     */
    public CompletableFuture<Void> logout() {
        SessionEngine e = started();
        return client().map(MagpieClient::logout).orElseGet(() -> CompletableFuture.failedFuture(
                        new MagpieConnectionException("not connected: cannot log out")))
                .thenRun(() -> {
                    accounts.delete(server(), username);
                    e.stop().join();
                });
    }

    /** Disconnects, stops reconnecting, closes the history database. Idempotent. */
    @Override
    public void close() {
        SessionEngine e;
        HistoryStore s;
        DirectChannels d;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            e = engine;
            s = store;
            d = direct;
        }
        if (d != null) {
            d.close();
        }
        if (e != null) {
            try {
                e.stop().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        loop.shutdownNow();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        if (s != null) {
            s.close();
        }
        events.close();
    }

    private SessionEngine engine() {
        synchronized (lock) {
            return engine;
        }
    }

    private SessionEngine started() {
        SessionEngine e = engine();
        if (e == null) {
            throw new IllegalStateException("not started: call login, register or resume first");
        }
        return e;
    }

    /**
     * Settings of a {@link Messenger}. Not thread-safe. Defaults: {@code localhost:7878}, TLS on, profile
     * {@code ~/.magpie}, reconnect delays from 1 s doubling up to 30 s with jitter.
     */
    public static final class Builder {
        private final MagpieClient.Builder clientBuilder = MagpieClient.builder();
        private String host = "localhost";
        private int port = MagpieClient.DEFAULT_PORT;
        private Path profileDir = Path.of(System.getProperty("user.home"), ".magpie");
        private HistoryStoreOptions historyOptions = HistoryStoreOptions.defaults();
        private Duration initialDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofSeconds(30);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private DirectSettings direct = DirectSettings.defaults().withEnabled(false);

        private Builder() {}

        public Builder server(String host, int port) {
            this.host = Objects.requireNonNull(host);
            this.port = port;
            clientBuilder.host(host).port(port);
            return this;
        }

        public Builder tls(boolean tls) {
            clientBuilder.tls(tls);
            return this;
        }

        /** Where sessions, pinned certificates and the history databases live; default {@code ~/.magpie}. */
        public Builder profileDir(Path profileDir) {
            this.profileDir = Objects.requireNonNull(profileDir);
            clientBuilder.profileDir(profileDir);
            return this;
        }

        /** Further client settings (locale, client name, timeouts, pin notices). */
        public Builder client(Consumer<MagpieClient.Builder> settings) {
            settings.accept(clientBuilder);
            return this;
        }

        public Builder historyOptions(HistoryStoreOptions options) {
            this.historyOptions = Objects.requireNonNull(options);
            return this;
        }

        /**
         * Reconnect delays: {@code initial} after the first failure, doubling per failure up to
         * {@code max}, each with jitter (a random point in the upper half). Default 1 s and 30 s.
         */
        public Builder reconnectDelays(Duration initial, Duration max) {
            new Backoff(initial, max, () -> 0); // validates
            this.initialDelay = initial;
            this.maxDelay = max;
            return this;
        }

        /** The jitter's random source, values in [0, 1] (for tests). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /**
         * Direct channels to friends ({@link DirectChannels}): off unless set here, e.g.
         * {@code direct(DirectSettings.defaults())}; {@code withEnabled(false)} keeps every message on the server.
         */
        public Builder direct(DirectSettings settings) {
            this.direct = Objects.requireNonNull(settings);
            return this;
        }

        /** Builds the messenger; change this builder no further afterwards (each connection attempt reads it). */
        public Messenger build() {
            return new Messenger(this);
        }
    }
}
