package im.magpie.desktop.model;

import im.magpie.client.KnownServers;
import im.magpie.client.LoginResult;
import im.magpie.client.Messenger;
import im.magpie.client.UserRef;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.Presence;
import im.magpie.client.history.SearchQuery;
import im.magpie.client.files.FileOffer;
import im.magpie.client.files.FileTransfers;
import im.magpie.client.history.ConversationRecord;
import im.magpie.client.history.PeerKind;
import im.magpie.client.p2p.ConversationPath;
import im.magpie.client.p2p.DirectSettings;
import im.magpie.client.profile.AccountStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
    /** How many unread messages of a group are looked at for a mention of this account. */
    static final int MENTION_LOOKBACK = 50;
    private final ServerAddress server;
    private final Path profileDir;
    private final Messenger messenger;
    private final SocialGateway social;
    private volatile SelfProfile self;

    public MessengerGateway(ServerAddress server, Path profileDir, SessionOptions options, Consumer<DesktopEvent> events) {
        this.server = Objects.requireNonNull(server);
        this.profileDir = Objects.requireNonNull(profileDir);
        this.messenger = Messenger.builder().server(server.host(), server.port()).tls(server.tls())
                .profileDir(profileDir).reconnectDelays(Duration.ofSeconds(1), Duration.ofSeconds(15))
                .keepSession(options.keepSession())
                .direct(DirectSettings.defaults().withEnabled(options.direct()))
                .autoAcceptImages(options.imageDir(), FileTransfers.DEFAULT_AUTO_ACCEPT_IMAGE_BYTES)
                .build();
        this.social = new SocialGateway(this);
        EventTranslator translator = new EventTranslator(this::selfId, social::refreshGroups, events);
        messenger.addListener(translator::translate);
    }

    /** Whether the profile holds a session of {@code username} on {@code server} to resume without a password. */
    public static boolean hasSavedSession(Path profileDir, ServerAddress server, String username) {
        return new AccountStore(profileDir).find(KnownServers.key(server.host(), server.port()), username)
                .filter(a -> !a.resumeToken().isEmpty()).isPresent();
    }

    /** Forgets the pinned certificate of {@code server}, so the next connection pins the one it presents. */
    public static void forgetCertificate(Path profileDir, ServerAddress server) {
        KnownServers.inProfile(profileDir).forget(KnownServers.key(server.host(), server.port()));
    }

    public Path profileDir() {
        return profileDir;
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

    private CompletableFuture<SelfProfile> started(Supplier<CompletableFuture<LoginResult>> start) {
        CompletableFuture<LoginResult> login;
        try {
            login = start.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return login.thenApply(ok -> self(Mapping.self(ok.self())));
    }

    public SelfProfile self() {
        return self;
    }

    SelfProfile self(SelfProfile updated) {
        self = updated;
        return updated;
    }

    public long selfId() {
        SelfProfile s = self;
        return s == null ? messenger.userId() : s.userId();
    }

    // ------------------------------------------------------------------ reading (blocking, off the FX thread)

    public List<Contact> friends() {
        return messenger.addressBook().friends().stream().map(Mapping::contact).toList();
    }

    public List<GroupSummary> groups() {
        return messenger.addressBook().groups().stream()
                .map(g -> new GroupSummary(g.groupId(), g.name(), g.memberCount())).toList();
    }

    public List<ConversationSummary> conversations(int limit) {
        return messenger.conversations().list(limit).stream()
                .map(c -> Mapping.conversation(c, c.peer().kind() == PeerKind.GROUP && mentionedIn(c))).toList();
    }

    /** Whether one of the unread messages of a group mentions this account (the list's "@" mark). */
    private boolean mentionedIn(ConversationRecord c) {
        if (c.unreadCount() == 0) {
            return false;
        }
        return messenger.history().latestMessages(c.peer(), Math.min(c.unreadCount(), MENTION_LOOKBACK)).messages()
                .stream().anyMatch(m -> m.mentionsMe() && !m.outgoing() && !m.recalled());
    }

    /** Opens the conversation and returns its newest messages. */
    public MessagePageData latest(ChatKey chat, int limit) {
        return page(messenger.conversations().open(Mapping.peer(chat), limit));
    }

    /**
     * Messages older than the one with local id {@code beforeLocalId}: from the local history,
     * topped up from the server's when it runs short and the session is online.
     */
    public CompletableFuture<MessagePageData> before(ChatKey chat, long beforeLocalId, int limit) {
        return messenger.conversations().older(Mapping.peer(chat), beforeLocalId, limit).thenApply(MessengerGateway::page);
    }

    private static MessagePageData page(MessagePage page) {
        List<ChatMessage> oldestFirst = new ArrayList<>(page.messages().stream().map(Mapping::message).toList());
        Collections.reverse(oldestFirst);
        return new MessagePageData(oldestFirst, page.hasMore());
    }

    /** Messages of this conversation containing {@code text}, newest first. */
    public List<ChatMessage> search(ChatKey chat, String text) {
        return messenger.conversations().search(SearchQuery.of(text).in(Mapping.peer(chat)).limit(100)).stream()
                .map(h -> Mapping.message(h.message())).toList();
    }

    /**
     * The name the library knows for a user without asking the server (friends, fellow members,
     * senders: the library looks up everyone an event names), or null if it knows none.
     */
    public String knownName(long userId) {
        UserRef user = messenger.addressBook().user(userId);
        return user.named() ? user.displayName() : null;
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
        return messenger.recall(messageId);
    }

    /** A private word to a fellow group member (not kept in the outbox: it needs the session online). */
    public CompletableFuture<Void> privateWord(long groupId, long userId, String text) {
        return messenger.groupChats().privateWord(groupId, userId, text).thenAccept(id -> { });
    }

    public CompletableFuture<Void> setStatus(PresenceState state) {
        Presence status = switch (state) {
            case ONLINE -> Presence.ONLINE;
            case AWAY -> Presence.AWAY;
            case BUSY -> Presence.BUSY;
            case INVISIBLE, OFFLINE -> Presence.INVISIBLE;
        };
        return messenger.account().setStatus(status);
    }

    // ------------------------------------------------------------------ files and the path

    /** Hashes a file and thumbnails an image (blocking, disk): the first step of sending it. */
    public PreparedFile prepare(ChatKey chat, Path file) throws java.io.IOException {
        return new PreparedFile(chat, FileTransfers.describe(Mapping.peer(chat), file));
    }

    /** Offers and uploads a prepared file; completes with its file id once the recipients can fetch it. */
    public CompletableFuture<Long> send(PreparedFile file) {
        return messenger.files().send(file.outgoing).thenApply(FileOffer::fileId);
    }

    /** Accepts an offer and fetches it into {@code dir}; completes with the saved file. */
    public CompletableFuture<Path> accept(long fileId, Path dir) {
        return messenger.files().accept(fileId, dir);
    }

    public CompletableFuture<Void> decline(long fileId) {
        return messenger.files().decline(fileId);
    }

    /** The files this account sent or was offered through the server and that have not expired. */
    public CompletableFuture<List<FileTransfer>> files() {
        long me = selfId();
        return messenger.files().list().thenApply(list -> list.stream().map(o -> {
            ChatKey chat = o.to().kind() == PeerKind.GROUP ? Mapping.chat(o.to())
                    : ChatKey.user(o.senderId() == me ? o.to().id() : o.senderId());
            return Mapping.file(o, chat, me, o.createdAt().toEpochMilli());
        }).toList());
    }

    /** Whether the one-to-one chat travels over a direct channel now (never for groups). */
    public boolean direct(ChatKey chat) {
        return !chat.isGroup() && messenger.path(Mapping.peer(chat)) == ConversationPath.DIRECT;
    }

    Messenger messenger() {
        return messenger;
    }

    @Override
    public void close() {
        messenger.close();
    }
}
