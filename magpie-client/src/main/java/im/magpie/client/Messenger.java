package im.magpie.client;

import im.magpie.client.files.FileTransfers;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.OutgoingMessage;
import im.magpie.client.history.PeerRef;
import im.magpie.client.internal.MagpieClient;
import im.magpie.client.internal.Records;
import im.magpie.client.internal.session.AccountHolder;
import im.magpie.client.internal.session.Credentials;
import im.magpie.client.internal.session.Session;
import im.magpie.client.p2p.ConversationPath;
import im.magpie.client.profile.StoredAccount;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One account on one server, kept connected: the object an application talks to.
 *
 * <pre>{@code
 * try (Messenger messenger = Messenger.builder().server("chat.example", 7878).build()) {
 *     messenger.addListener(event -> System.out.println(event));
 *     messenger.login("alice", password).join();          // later runs: messenger.resume("alice")
 *     List<ContactRecord> friends = messenger.addressBook().friends();
 *     messenger.send(PeerRef.user(friends.get(0).userId()), "你好, Bob");
 *     MessagePage page = messenger.conversations().open(PeerRef.user(friends.get(0).userId()), 50);
 *     List<SearchHit> hits = messenger.conversations().search("你好");
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
 * server) is retried with exponential backoff and jitter, capped at {@link MessengerBuilder#reconnectDelays
 * 30 s} by default, logging in again with the resume token, then syncing every inbox event missed.
 * The session stops for good ({@link SessionState#OFFLINE} with a cause) only when retrying
 * cannot help: the token or password was refused, the server's certificate changed, the protocol
 * version is not spoken, or the server ended the session without inviting a reconnection.
 *
 * <p><b>Events and threads.</b> Thread-safe: call any method from any thread. Methods that read
 * or write the store block briefly (a SQLite transaction); call them off a UI thread if that
 * matters. The session's work (connecting, sync, outbox, receipts, caches) runs on one library
 * thread, {@code magpie-session}; events ({@link MessengerEvent}) go to listeners on another,
 * {@code magpie-messenger-events}, one at a time in order, or on the executor a listener was
 * registered with. Futures complete on {@code magpie-session}: do not block in their callbacks.
 *
 * <p><b>Facets.</b> {@link #social()}, {@link #groupChats()} and {@link #account()} make
 * requests to the server (they fail with {@link MagpieConnectionException} while not online);
 * {@link #addressBook()} (friends, groups, names) and {@link #conversations()} (conversation list,
 * messages, search) read the local caches and work offline, as does everything else here.
 *
 * <p><b>Failures.</b> Store methods throw {@link im.magpie.client.history.HistoryStoreException}
 * (naming the database file); background writes that fail are reported as
 * {@link MessengerEvent.StoreFailed} and retried, never dropped.
 */
public final class Messenger implements AutoCloseable {
    private final MessengerBuilder config;
    private final AccountHolder holder;
    /** Made with the session; closed with the messenger. */
    private volatile FileTransfers files;

    Messenger(MessengerBuilder config) {
        this.config = config;
        this.holder = new AccountHolder(config.host, config.port, config.profileDir, config.keepSession);
    }

    public static MessengerBuilder builder() {
        return new MessengerBuilder();
    }

    /** {@code host:port}, as in the profile. */
    public String server() {
        return holder.server();
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
    public CompletableFuture<LoginResult> login(String username, String password) {
        Objects.requireNonNull(password, "password");
        return start(username, 0, new Credentials.Password(username, password));
    }

    /** Creates the account, logs in, and stays connected (like {@link #login}). */
    public CompletableFuture<LoginResult> register(String username, String password, String nickname) {
        Objects.requireNonNull(password, "password");
        return start(username, 0, new Credentials.Registration(username, password, nickname));
    }

    /**
     * Opens the account logged in earlier (its token is in the profile) and keeps trying to
     * connect. The local history is usable at once, and {@link #send} queues messages even while
     * the server is unreachable. The future completes at the first successful login; it fails
     * only if the token is refused (log in with the password again) or the session is closed.
     *
     * @throws IllegalStateException if the profile holds no session for {@code username}
     */
    public CompletableFuture<LoginResult> resume(String username) {
        StoredAccount stored = holder.requireStored(username);
        return start(stored.username(), stored.userId(), new Credentials.Token(stored.resumeToken(), 0));
    }

    /**
     * Opens the local history and caches of an account logged in earlier, without connecting: for
     * programs that only read (history, search, names) or queue messages for a later session.
     * {@link #state()} stays OFFLINE; requests fail with {@link MagpieConnectionException}.
     *
     * @throws IllegalStateException if the profile holds no session for {@code username}
     */
    public void openLocal(String username) {
        StoredAccount stored = holder.requireStored(username);
        create(stored.username(), stored.userId());
    }

    /** The session stored in the profile for {@code username} on this server, if any. */
    public Optional<StoredAccount> storedSession(String username) {
        return holder.storedSession(username);
    }

    private CompletableFuture<LoginResult> start(String username, long userId, Credentials credentials) {
        Session started = create(username, userId);
        return started.start(credentials).thenApply(ok -> Records.login(ok, started.names()));
    }

    private Session create(String username, long userId) {
        Objects.requireNonNull(username, "username");
        Session session = config.session(holder, username, userId);
        files = config.files(holder, session, username);
        return session;
    }

    /** Where the history database of {@code username} on this server lives. */
    public Path historyFile(String username) {
        return holder.historyFile(username);
    }

    // ------------------------------------------------------------------------------ state

    public SessionState state() {
        return holder.session().map(Session::state).orElse(SessionState.OFFLINE);
    }

    /** This account's user id; 0 before the first login of a {@link #login}/{@link #register}. */
    public long userId() {
        return started().selfUserId();
    }

    public String username() {
        return holder.username();
    }

    /** The local history of this account (shared, thread-safe). */
    public HistoryStore history() {
        return holder.store();
    }

    /** Friends, friend requests, categories, blocks, other people's profiles (requests to the server). */
    public Social social() {
        return new Social(started());
    }

    /** Groups: create, join, invite, answer, manage (requests to the server). */
    public GroupChats groupChats() {
        return new GroupChats(started());
    }

    /** This account's profile, avatar, status and password (requests to the server). */
    public Account account() {
        return new Account(started());
    }

    /** Friends, groups and names of people and groups, from the local caches (works offline). */
    public AddressBook addressBook() {
        return new AddressBook(started());
    }

    /** The conversation list, pages of messages, search, from the local history (works offline). */
    public Conversations conversations() {
        return new Conversations(started());
    }

    /**
     * Files and images: send (resumable, through the server or a direct transport), accept (checked
     * against the SHA-256, resumable) or decline offers, list this account's files on the server.
     * Offers, answers and progress arrive as {@link MessengerEvent.FileEvent}s.
     */
    public FileTransfers files() {
        started();
        return files;
    }

    /**
     * Syncs the inbox now and completes with the last stored sequence once every event up to the
     * server's newest is stored and its events published; fails with
     * {@link MagpieConnectionException} when not online. For one-shot programs: connect, work, sync, stop.
     */
    public CompletableFuture<Long> sync() {
        return started().syncNow();
    }

    /**
     * Hands {@code show} every message and inbox notice ({@link MessengerEvent.InboxNotice}: friend
     * requests and answers, group notices, file offers and answers, receipts, recalls) that was
     * synced into the local history but never marked seen, oldest first, and marks each seen once
     * {@code show} returned for it. Any program on the profile syncs (a one-shot command, quietly);
     * only one that shows an event uses it up, so nothing is missed and nothing is shown twice.
     * Runs on the calling thread, one call at a time; works offline. {@code show} gets
     * {@link MessengerEvent.MessagesReceived} (consecutive messages together) and InboxNotices.
     *
     * @return how many events {@code show} was given
     * @throws im.magpie.client.history.HistoryStoreException if the history cannot be read or marked
     */
    public int showUnseen(Consumer<? super MessengerEvent> show) {
        Objects.requireNonNull(show, "show");
        return started().showUnseen(show);
    }

    /**
     * Marks an event a front end has shown as it arrived (a {@link MessengerEvent.MessagesReceived}
     * or an {@link MessengerEvent.InboxNotice}; other events are ignored), so {@link #showUnseen}
     * does not show it again.
     */
    public void markSeen(MessengerEvent event) {
        Objects.requireNonNull(event, "event");
        started().markSeen(event);
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
        return send(OutgoingMessage.text(to, selfId(), text));
    }

    /** Queues a reply quoting the message with server id {@code replyToMessageId} (like {@link #send}). */
    public MessageRecord reply(PeerRef to, String text, long replyToMessageId) {
        return send(new OutgoingMessage(to, selfId(), text, replyToMessageId));
    }

    private long selfId() {
        long self = started().selfUserId();
        if (self <= 0) {
            throw new IllegalStateException("the account's user id is not known yet: wait for login");
        }
        return self;
    }

    private MessageRecord send(OutgoingMessage message) {
        HistoryStore history = history();
        String clientMsgId = history.outbox().enqueue(message);
        started().outboxChanged();
        return history.messageByClientMsgId(clientMsgId).orElseThrow();
    }

    /** Queues a FAILED message again (same client id). */
    public boolean retry(String clientMsgId) {
        boolean queued = history().outbox().retryFailed(clientMsgId);
        if (queued) {
            started().outboxChanged();
        }
        return queued;
    }

    /** Completes when every queued message has been acknowledged (or refused) by the server. */
    public CompletableFuture<Void> outboxEmpty() {
        return started().outboxEmpty();
    }

    /**
     * Marks the conversation read here and tells the sender (a READ receipt) now or when next
     * online. The future completes when the server has the mark (at once if nothing was unread).
     */
    public CompletableFuture<Void> markRead(PeerRef peer) {
        long upTo = history().markAllRead(peer);
        return upTo > 0 ? started().read(peer, upTo) : CompletableFuture.completedFuture(null);
    }

    /** Recalls a message this account sent (server id); the recall comes back as {@link MessengerEvent.MessageRecalled}. */
    public CompletableFuture<Void> recall(long messageId) {
        return started().client().thenCompose(c -> c.messages().recall(messageId));
    }

    /** Tells a friend this account is typing (ephemeral; ignored when offline). */
    public void typing(long friendUserId) {
        started().client().thenCompose(c -> c.messages().typing(friendUserId)).exceptionally(e -> null);
    }

    // ------------------------------------------------------------------------------ listening

    /** Receives events on the library's event thread. */
    public void addListener(MessengerListener listener) {
        Objects.requireNonNull(listener, "listener");
        holder.events().add(holder.events().libraryThread(), listener, listener::onEvent);
    }

    /**
     * Receives events on {@code executor}, e.g. {@code Platform::runLater} for JavaFX: the adapter
     * for UI toolkits that must be called on their own thread.
     */
    public void addListener(Executor executor, MessengerListener listener) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(listener, "listener");
        holder.events().add(executor, listener, listener::onEvent);
    }

    /** Stops delivering events to {@code listener} (every registration of it); events already queued may still arrive. */
    public void removeListener(MessengerListener listener) {
        holder.events().remove(listener);
    }

    // ------------------------------------------------------------------------------ ending

    /**
     * Logs out on the server (revoking the token), forgets the stored session and stops. The local
     * history stays. Fails when offline (the token then stays valid until it expires).
     */
    public CompletableFuture<Void> logout() {
        Session s = started();
        return s.client().thenCompose(MagpieClient::logout)
                .thenCompose(v -> {
                    holder.forget();
                    return s.stop();
                });
    }

    // ------------------------------------------------------------------------------ direct channels

    /**
     * How the conversation with a friend travels now: {@link ConversationPath#DIRECT} over an open
     * direct channel, else {@link ConversationPath#VIA_SERVER} (always for groups, and when direct
     * channels are off: see {@link Builder#direct}). Changes arrive as {@link MessengerEvent.PathChanged}.
     */
    public ConversationPath path(PeerRef peer) {
        Objects.requireNonNull(peer, "peer");
        return holder.direct().map(d -> d.path(peer)).orElse(ConversationPath.VIA_SERVER);
    }

    /**
     * Opens a direct channel to a friend now (it also opens by itself when a message is sent);
     * completes with the path once the attempt settled. Via the server when direct channels are off.
     */
    public CompletableFuture<ConversationPath> openDirect(PeerRef peer) {
        Objects.requireNonNull(peer, "peer");
        return holder.direct().map(d -> d.open(peer))
                .orElseGet(() -> CompletableFuture.completedFuture(ConversationPath.VIA_SERVER));
    }

    /** Disconnects, stops reconnecting, closes the history database. Idempotent. */
    @Override
    public void close() {
        FileTransfers f = files;
        if (f != null) {
            f.close();
        }
        holder.close();
    }

    /** The connected client, for tests of what went over the wire. */
    Optional<MagpieClient> connectedClient() {
        return holder.session().map(Session::client).filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join);
    }

    private Session started() {
        return holder.started();
    }
}
