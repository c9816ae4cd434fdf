package im.magpie.desktop.model;

import im.magpie.client.KnownServers;
import im.magpie.client.MagpieClient;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.Messenger;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.SearchQuery;
import im.magpie.client.profile.AccountStore;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The desktop's one door into the client library for a session (with {@link SocialGateway} for
 * friends, groups and profiles, and {@link EventTranslator} for events): every call to
 * {@link Messenger} is here, everything it answers is turned into the desktop's own records.
 *
 * <p>Methods without a future read or write the local history and block briefly: view models call
 * them on their I/O executor, never on the FX thread. One gateway is one login attempt (a
 * {@link Messenger} starts once): after a failed login, build a new one.
 */
public final class MessengerGateway implements AutoCloseable {
    private final ServerAddress server;
    private final Path profileDir;
    private final Messenger messenger;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final SocialGateway social;
    private final EventTranslator translator;
    private volatile SelfProfile self;

    public MessengerGateway(ServerAddress server, Path profileDir, Consumer<DesktopEvent> events) {
        this.server = Objects.requireNonNull(server);
        this.profileDir = Objects.requireNonNull(profileDir);
        this.messenger = Messenger.builder().server(server.host(), server.port()).tls(server.tls())
                .profileDir(profileDir).reconnectDelays(Duration.ofSeconds(1), Duration.ofSeconds(15)).build();
        this.social = new SocialGateway(this);
        this.translator = new EventTranslator(this, events);
        messenger.addListener(translator::translate);
    }

    /** Whether the profile holds a session of {@code username} on {@code server} to resume without a password. */
    public static boolean hasSavedSession(Path profileDir, ServerAddress server, String username) {
        return new AccountStore(profileDir).find(KnownServers.key(server.host(), server.port()), username)
                .filter(a -> !a.resumeToken().isEmpty()).isPresent();
    }

    /** Removes this account's kept session from the profile ("remember me" off); the running one goes on. */
    public void forgetStoredSession() {
        SelfProfile me = self;
        if (me != null) {
            new AccountStore(profileDir).delete(KnownServers.key(server.host(), server.port()), me.username());
        }
    }

    /** Forgets the pinned certificate of {@code server}, so the next connection pins the one it presents. */
    public static void forgetCertificate(Path profileDir, ServerAddress server) {
        KnownServers.inProfile(profileDir).forget(KnownServers.key(server.host(), server.port()));
    }

    public ServerAddress server() {
        return server;
    }

    public SocialGateway social() {
        return social;
    }

    // ------------------------------------------------------------------ logging in

    public CompletableFuture<SelfProfile> login(String username, String password) {
        return started(() -> messenger.login(username, password));
    }

    public CompletableFuture<SelfProfile> register(String username, String password, String nickname) {
        return started(() -> messenger.register(username, password, nickname));
    }

    /** Logs in with the stored resume token; completes at the first successful login. */
    public CompletableFuture<SelfProfile> resume(String username) {
        return started(() -> messenger.resume(username));
    }

    private CompletableFuture<SelfProfile> started(java.util.function.Supplier<CompletableFuture<LoginOk>> start) {
        CompletableFuture<LoginOk> login;
        try {
            login = start.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return login.thenApply(ok -> {
            var p = ok.getSelf();
            SelfProfile me = new SelfProfile(p.getUserId(), p.getUsername(), p.getNickname(), p.getSignature(),
                    p.getAvatarHash());
            self = me;
            names.put(me.userId(), me.displayName());
            return me;
        });
    }

    public SelfProfile self() {
        return self;
    }

    void self(SelfProfile updated) {
        self = updated;
        names.put(updated.userId(), updated.displayName());
    }

    public long selfId() {
        SelfProfile s = self;
        return s == null ? messenger.userId() : s.userId();
    }

    // ------------------------------------------------------------------ reading (blocking, off the FX thread)

    public List<Contact> friends() {
        List<Contact> contacts = messenger.friends().stream().map(Mapping::contact).toList();
        contacts.forEach(c -> names.put(c.userId(), c.displayName()));
        return contacts;
    }

    public List<GroupSummary> groups() {
        return messenger.history().groups().stream()
                .map(g -> new GroupSummary(g.groupId(), g.name(), g.memberCount())).toList();
    }

    public List<ConversationSummary> conversations(int limit) {
        return messenger.conversations(limit).stream().map(Mapping::conversation).toList();
    }

    /** Opens the conversation and returns its newest messages. */
    public MessagePageData latest(ChatKey chat, int limit) {
        return page(messenger.openConversation(Mapping.peer(chat), limit));
    }

    /** Messages older than the one with local id {@code beforeLocalId}. */
    public MessagePageData before(ChatKey chat, long beforeLocalId, int limit) {
        return page(messenger.history().messagesBefore(Mapping.peer(chat), beforeLocalId, limit));
    }

    private static MessagePageData page(MessagePage page) {
        List<ChatMessage> oldestFirst = new java.util.ArrayList<>(page.messages().stream().map(Mapping::message).toList());
        java.util.Collections.reverse(oldestFirst);
        return new MessagePageData(oldestFirst, page.hasMore());
    }

    /** Messages of this conversation containing {@code text}, newest first. */
    public List<ChatMessage> search(ChatKey chat, String text) {
        return messenger.search(SearchQuery.of(text).in(Mapping.peer(chat)).limit(100)).stream()
                .map(h -> Mapping.message(h.message())).toList();
    }

    /** The best name known for a user; asks the server (blocking) if none is cached. */
    public String nameOf(long userId) {
        String known = names.get(userId);
        if (known != null) {
            return known;
        }
        try {
            var p = social.profileBlocking(userId);
            String name = p.getNickname().isBlank() ? p.getUsername() : p.getNickname();
            names.put(userId, name);
            return name;
        } catch (RuntimeException e) {
            return "#" + userId;
        }
    }

    /** The name known for a user without asking the server, or null. */
    public String knownName(long userId) {
        return names.get(userId);
    }

    void rememberName(long userId, String name) {
        names.put(userId, name);
    }

    // ------------------------------------------------------------------ writing

    /** Queues a text; it shows as sending at once and goes out whenever the session is online. */
    public ChatMessage send(ChatKey chat, String text) {
        return Mapping.message(messenger.send(Mapping.peer(chat), text));
    }

    public boolean retry(String clientMsgId) {
        return messenger.retry(clientMsgId);
    }

    public void markRead(ChatKey chat) {
        messenger.markRead(Mapping.peer(chat));
    }

    public CompletableFuture<Void> recall(long messageId) {
        return call(c -> c.messages().recall(messageId));
    }

    /** A private word to a fellow group member (not kept in the outbox: it needs the session online). */
    public CompletableFuture<Void> privateWord(long groupId, long userId, String text) {
        return call(c -> c.messages().send(SendMessageRequest.newBuilder()
                .setClientMsgId(im.magpie.client.Messages.newClientMsgId())
                .setTo(im.magpie.client.Messages.user(userId)).setViaGroupId(groupId)
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText(text))).build()))
                .thenAccept(ack -> { });
    }

    public CompletableFuture<Void> setStatus(PresenceState state) {
        PresenceStatus status = switch (state) {
            case ONLINE -> PresenceStatus.ONLINE;
            case AWAY -> PresenceStatus.AWAY;
            case BUSY -> PresenceStatus.BUSY;
            case INVISIBLE, OFFLINE -> PresenceStatus.INVISIBLE;
        };
        return call(c -> c.profiles().setStatus(status));
    }

    /** Runs a request on the online client, or fails with OFFLINE. */
    <T> CompletableFuture<T> call(Function<MagpieClient, CompletableFuture<T>> request) {
        return messenger.client().map(request).orElseGet(() -> CompletableFuture.failedFuture(
                new MagpieConnectionException("not connected to " + server)));
    }

    Messenger messenger() {
        return messenger;
    }

    @Override
    public void close() {
        messenger.close();
        translator.close();
    }
}
