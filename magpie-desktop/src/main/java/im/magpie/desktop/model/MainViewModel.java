package im.magpie.desktop.model;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window: one's profile and status, the recent conversations (most recent first, with
 * unread counts), the friend list by category, the groups, the notices waiting for an answer, and
 * which chat is open. Everything here is read and changed on the FX thread; the library is reached
 * through {@link Session#io} and {@link Session#request}.
 */
public final class MainViewModel {
    static final int CONVERSATIONS_SHOWN = 200;

    private final Session session;
    private final ObservableList<ConversationSummary> conversations = FXCollections.observableArrayList();
    private final ObservableList<FriendCategory> friendCategories = FXCollections.observableArrayList();
    private final ObservableList<GroupSummary> groups = FXCollections.observableArrayList();
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final StringProperty friendFilter = new SimpleStringProperty("");
    private final IntegerProperty totalUnread = new SimpleIntegerProperty();
    private final ObjectProperty<PresenceState> status = new SimpleObjectProperty<>(PresenceState.ONLINE);
    private final ObjectProperty<ChatViewModel> openChat = new SimpleObjectProperty<>();
    private final ObjectProperty<Failure> lastFailure = new SimpleObjectProperty<>();
    private final Map<ChatKey, ChatViewModel> chats = new HashMap<>();
    private List<Contact> contacts = List.of();
    private String defaultCategoryName = "My Friends";
    private Locale locale = Locale.ENGLISH;

    public MainViewModel(Session session) {
        this.session = session;
        session.addListener(this::onEvent);
        friendFilter.addListener((o, a, b) -> arrangeFriends());
    }

    /** Reads everything once (after login). */
    public void start() {
        refreshConversations();
        refreshFriends();
        refreshGroups();
        session.request(() -> session.social().pendingRequests(), list -> list.forEach(this::addNotice), f -> { });
        session.request(() -> session.gateway().files(), list -> list.forEach(session.files()::offered), f -> { });
    }

    private void onEvent(DesktopEvent e) {
        if (e instanceof DesktopEvent.Connection c && c.state().phase() == ConnectionState.Phase.ONLINE) {
            chats.values().forEach(ChatViewModel::connectionBack);
        } else if (e instanceof DesktopEvent.ChatsChanged c) {
            refreshConversations();
            c.chats().forEach(k -> {
                ChatViewModel chat = chats.get(k);
                if (chat != null) {
                    chat.reload();
                }
            });
            if (c.chats().isEmpty()) {
                chats.values().forEach(ChatViewModel::reload);
            }
        } else if (e instanceof DesktopEvent.FriendsChanged) {
            refreshFriends();
        } else if (e instanceof DesktopEvent.GroupsChanged) {
            refreshGroups();
        } else if (e instanceof DesktopEvent.NoticeArrived n) {
            addNotice(n.notice());
        } else if (e instanceof DesktopEvent.NoticeGone g) {
            notices.removeIf(n -> n.key().equals(g.key()));
        } else if (e instanceof DesktopEvent.GroupChanged g) {
            ChatViewModel chat = chats.get(ChatKey.group(g.activity().groupId()));
            if (chat != null) {
                chat.addActivity(g.activity());
                if (g.activity().kind() == GroupActivity.Kind.UPDATED) {
                    chat.groupUpdated();
                }
            }
        } else if (e instanceof DesktopEvent.PathChanged p) {
            ChatViewModel chat = chats.get(p.chat());
            if (chat != null) {
                chat.path(p.direct());
            }
        } else if (e instanceof DesktopEvent.MemberPresence p) {
            ChatViewModel chat = chats.get(ChatKey.group(p.groupId()));
            if (chat != null) {
                chat.memberPresence(p.userId(), p.presence(), p.onlineCount());
            }
        } else if (e instanceof DesktopEvent.SendFailed f) {
            lastFailure.set(f.reason());
        }
    }

    private void addNotice(Notice n) {
        if (notices.stream().noneMatch(x -> x.key().equals(n.key()))) {
            notices.add(n);
        }
    }

    public void refreshConversations() {
        session.io(() -> session.gateway().conversations(CONVERSATIONS_SHOWN), rows -> {
            List<ConversationSummary> sorted = ConversationOrder.sort(rows);
            conversations.setAll(sorted);
            totalUnread.set(ConversationOrder.totalUnread(sorted));
        }, lastFailure::set);
    }

    public void refreshFriends() {
        session.io(() -> session.gateway().friends(), list -> {
            contacts = list;
            arrangeFriends();
        }, lastFailure::set);
    }

    public void refreshGroups() {
        session.io(() -> session.gateway().groups(), groups::setAll, lastFailure::set);
    }

    /** The name of the default category and the collation, in the window's language. */
    public void localize(String defaultCategory, Locale l) {
        this.defaultCategoryName = defaultCategory;
        this.locale = l;
        arrangeFriends();
    }

    private void arrangeFriends() {
        friendCategories.setAll(FriendGroups.arrange(contacts, friendFilter.get(), defaultCategoryName, locale));
    }

    /** Opens (or brings back) the chat with a friend or a group. */
    public ChatViewModel open(ChatKey key, String title) {
        ChatViewModel chat = chats.computeIfAbsent(key, k -> new ChatViewModel(session, k, title, this::refreshConversations));
        chat.activate();
        openChat.set(chat);
        return chat;
    }

    /** The name to show for a conversation, from the lists already loaded. */
    public String titleOf(ChatKey key) {
        if (key.isGroup()) {
            return groups.stream().filter(g -> g.groupId() == key.id()).map(GroupSummary::name).findFirst()
                    .orElse("#" + key.id());
        }
        return contacts.stream().filter(c -> c.userId() == key.id()).map(Contact::displayName).findFirst()
                .orElseGet(() -> conversations.stream().filter(c -> c.chat().equals(key))
                        .map(ConversationSummary::title).findFirst().orElse("#" + key.id()));
    }

    /** The avatar hash known for a user (oneself, a friend), "" if none. */
    public String avatarOf(long userId) {
        SelfProfile me = session.selfProperty().get();
        if (me != null && me.userId() == userId) {
            return me.avatarHash();
        }
        return contacts.stream().filter(c -> c.userId() == userId).map(Contact::avatarHash).findFirst().orElse("");
    }

    public List<Contact> contacts() {
        return contacts;
    }

    public void answer(Notice notice, boolean accept) {
        notices.remove(notice);
        if (notice instanceof Notice.FriendRequest r) {
            session.request(() -> session.social().answerFriendRequest(r.requestId(), accept), x -> refreshFriends(),
                    lastFailure::set);
        } else if (notice instanceof Notice.GroupInvitation g) {
            session.request(() -> session.social().answerInvitation(g.groupId(), accept), x -> refreshGroups(),
                    lastFailure::set);
        }
    }

    public void setStatus(PresenceState s) {
        PresenceState before = status.get();
        status.set(s);
        session.request(() -> session.gateway().setStatus(s), x -> { }, f -> {
            status.set(before);
            lastFailure.set(f);
        });
    }

    public Session session() { return session; }
    public ObservableList<ConversationSummary> conversations() { return conversations; }
    public ObservableList<FriendCategory> friendCategories() { return friendCategories; }
    public ObservableList<GroupSummary> groups() { return groups; }
    public ObservableList<Notice> notices() { return notices; }
    public StringProperty friendFilterProperty() { return friendFilter; }
    public IntegerProperty totalUnreadProperty() { return totalUnread; }
    public ObjectProperty<PresenceState> statusProperty() { return status; }
    public ObjectProperty<ChatViewModel> openChatProperty() { return openChat; }
    public ObjectProperty<Failure> lastFailureProperty() { return lastFailure; }
}
