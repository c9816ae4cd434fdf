package im.magpie.desktop.model;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One conversation: its rows (bubbles, day separators, group lines), sending, retrying,
 * recalling, older pages, search, and for a group the members with presence. Reads the local
 * history off the FX thread and replaces its rows on it.
 */
public final class ChatViewModel {
    static final int PAGE = 40;

    private final Session session;
    private final ChatKey key;
    private final Runnable conversationsChanged;
    private final StringProperty title = new SimpleStringProperty();
    private final ObservableList<ChatItem> items = FXCollections.observableArrayList();
    private final ObservableList<Member> members = FXCollections.observableArrayList();
    private final ObservableList<ChatMessage> searchHits = FXCollections.observableArrayList();
    private final IntegerProperty onlineCount = new SimpleIntegerProperty();
    private final BooleanProperty hasMore = new SimpleBooleanProperty();
    private final BooleanProperty visible = new SimpleBooleanProperty();
    private final ObjectProperty<Failure> failure = new SimpleObjectProperty<>();
    /** One-to-one: true over a direct channel, false via the server; null for a group. */
    private final ObjectProperty<Boolean> direct = new SimpleObjectProperty<>();
    private final StringProperty announcement = new SimpleStringProperty("");
    private final List<GroupActivity> activities = new ArrayList<>();
    private List<ChatMessage> messages = List.of();
    private int loaded = PAGE;
    private boolean membersWatched;
    private ZoneId zone = ZoneId.systemDefault();

    ChatViewModel(Session session, ChatKey key, String title, Runnable conversationsChanged) {
        this.session = session;
        this.key = key;
        this.conversationsChanged = conversationsChanged;
        this.title.set(title);
        session.files().addListener(chat -> {
            if (chat.equals(key)) {
                rebuild();
            }
        });
    }

    /** The chat is shown: load it, mark it read, watch the members of a group, read its path or announcement. */
    void activate() {
        reload();
        if (key.isGroup()) {
            session.request(() -> session.social().announcement(key.id()), announcement::set, f -> { });
        } else {
            session.io(() -> session.gateway().direct(key), direct::set, f -> { });
        }
    }

    /** The path of this one-to-one chat changed. */
    void path(boolean isDirect) {
        direct.set(isDirect);
    }

    /** The group changed (its announcement may have). */
    void groupUpdated() {
        if (key.isGroup()) {
            session.request(() -> session.social().announcement(key.id()), announcement::set, f -> { });
        }
    }

    /** The avatar hash of a sender: a group member's, else what the main window knows. */
    public String avatarOf(long userId, java.util.function.LongFunction<String> known) {
        return members.stream().filter(m -> m.userId() == userId && !m.avatarHash().isBlank())
                .map(Member::avatarHash).findFirst().orElseGet(() -> known.apply(userId));
    }

    /** A new connection: member presence pushes must be asked for again. */
    void connectionBack() {
        membersWatched = false;
        reload();
    }

    /** Asks for the members and their presence pushes; again at the next reload if that failed (offline). */
    private void watchMembers() {
        if (!key.isGroup() || membersWatched) {
            return;
        }
        membersWatched = true;
        session.request(() -> session.social().watchMembers(key.id()), list -> {
            members.setAll(sortMembers(list));
            onlineCount.set((int) list.stream().filter(m -> m.presence().online()).count());
            rebuild(); // senders' names
        }, f -> membersWatched = false);
    }

    /** Re-reads the loaded messages (after a send, a receipt, a recall, new messages). */
    public void reload() {
        watchMembers();
        int count = loaded;
        session.io(() -> session.gateway().latest(key, count), page -> {
            messages = page.oldestFirst();
            hasMore.set(page.hasMore());
            rebuild();
            if (visible.get() && messages.stream().anyMatch(m -> !m.outgoing() && m.mark() != MessageMark.READ
                    && m.mark() != MessageMark.RECALLED)) {
                markRead();
            }
        }, failure::set);
    }

    /** Loads the page before the oldest message shown (scrolling up). */
    public void loadOlder() {
        if (!hasMore.get() || messages.isEmpty()) {
            return;
        }
        long oldest = messages.get(0).localId();
        session.request(() -> session.gateway().before(key, oldest, PAGE), page -> {
            List<ChatMessage> all = new ArrayList<>(page.oldestFirst());
            all.addAll(messages);
            messages = all;
            loaded = all.size();
            hasMore.set(page.hasMore());
            rebuild();
        }, failure::set);
    }

    private void rebuild() {
        long self = session.selfId();
        items.setAll(ChatItems.build(messages, activities, session.files().of(key), zone, id -> id == self
                ? session.selfProperty().get().displayName() : nameOf(id)));
    }

    private String nameOf(long userId) {
        if (!key.isGroup()) {
            return title.get();
        }
        return members.stream().filter(m -> m.userId() == userId).map(Member::displayName).findFirst()
                .orElseGet(() -> {
                    String known = session.gateway().knownName(userId);
                    return known != null ? known : "#" + userId;
                });
    }

    /** Queues a message; it shows as sending at once. Blank text is ignored. */
    public void send(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String t = text.strip();
        session.io(() -> session.gateway().send(key, t), m -> {
            loaded++;
            reload();
            conversationsChanged.run();
        }, failure::set);
    }

    public void retry(ChatMessage m) {
        if (m.mark() == MessageMark.FAILED && m.clientMsgId() != null) {
            session.io(() -> session.gateway().retry(m.clientMsgId()), ok -> reload(), failure::set);
        }
    }

    /** Withdraws one of one's own sent messages (within the server's recall window). */
    public void recall(ChatMessage m) {
        if (!m.outgoing() || m.messageId() == 0) {
            return;
        }
        session.request(() -> session.gateway().recall(m.messageId()), x -> reload(), failure::set);
    }

    /** A private word to one group member, through this group. */
    public void privateWord(Member to, String text) {
        if (!key.isGroup() || text == null || text.isBlank()) {
            return;
        }
        session.request(() -> session.gateway().privateWord(key.id(), to.userId(), text.strip()), x -> { },
                failure::set);
    }

    // ------------------------------------------------------------------ files

    /** Sends files (the chooser, a drop, a paste): each shows at once and moves as it uploads. */
    public void sendFiles(List<java.nio.file.Path> paths) {
        for (java.nio.file.Path p : paths) {
            session.io(() -> session.gateway().prepare(key, p), prepared -> {
                String k = session.files().sending(key, session.selfId(), prepared.name(), prepared.size(),
                        prepared.image(), prepared.thumbnail(), prepared.path(), System.currentTimeMillis());
                session.request(() -> session.gateway().send(prepared), id -> session.files().sent(k, id), f -> {
                    boolean declined = f.kind() == Failure.Kind.DECLINED;
                    session.files().sendFailed(k, f, declined);
                    if (!declined) {
                        failure.set(f);
                    }
                });
            }, failure::set);
        }
    }

    /**
     * Sends a pasted image: its pixels (ARGB, read from the clipboard on the FX thread) are written
     * as a PNG into the profile's outgoing folder on the I/O thread, then sent like any file.
     */
    public void sendImage(int width, int height, int[] argb) {
        java.nio.file.Path folder = session.gateway().profileDir().resolve("outgoing");
        session.io(() -> PastedImages.write(width, height, argb, folder), p -> sendFiles(List.of(p)), failure::set);
    }

    /** Accepts an offer into the download folder. */
    public void accept(FileTransfer f) {
        java.nio.file.Path dir = session.downloadDirProperty().get();
        session.files().accepting(f.fileId());
        session.request(() -> session.gateway().accept(f.fileId(), dir), path -> { }, failure::set);
    }

    public void decline(FileTransfer f) {
        session.request(() -> session.gateway().decline(f.fileId()), x -> session.files().declined(f.fileId()),
                failure::set);
    }

    /** Members who may be meant by the "@..." typed before the caret (empty when none is being typed). */
    public List<Member> mentionCandidates(String text, int caret) {
        if (!key.isGroup()) {
            return List.of();
        }
        return Mentions.query(text, caret).map(q -> Mentions.candidates(members, q.prefix(), session.selfId()))
                .orElse(List.of());
    }

    public void search(String text) {
        if (text == null || text.isBlank()) {
            searchHits.clear();
            return;
        }
        session.io(() -> session.gateway().search(key, text.strip()), searchHits::setAll, failure::set);
    }

    public void markRead() {
        session.io(() -> {
            session.gateway().markRead(key);
            return true;
        }, x -> conversationsChanged.run(), failure::set);
    }

    void addActivity(GroupActivity a) {
        activities.add(a);
        rebuild();
        if (key.isGroup()) {
            session.request(() -> session.social().watchMembers(key.id()), list -> {
                members.setAll(sortMembers(list));
                onlineCount.set((int) list.stream().filter(m -> m.presence().online()).count());
            }, f -> { });
        }
    }

    void memberPresence(long userId, PresenceState presence, int online) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).userId() == userId) {
                members.set(i, members.get(i).withPresence(presence));
            }
        }
        FXCollections.sort(members, memberOrder());
        onlineCount.set(online);
    }

    private static List<Member> sortMembers(List<Member> list) {
        return list.stream().sorted(memberOrder()).toList();
    }

    private static java.util.Comparator<Member> memberOrder() {
        return java.util.Comparator.comparing((Member m) -> !m.presence().online()).thenComparing(Member::role)
                .thenComparing(Member::displayName);
    }

    /** The time zone day separators use (tests pin it). */
    public void zone(ZoneId z) {
        this.zone = z;
        rebuild();
    }

    public ChatKey key() { return key; }
    public StringProperty titleProperty() { return title; }
    public ObservableList<ChatItem> items() { return items; }
    public ObservableList<Member> members() { return members; }
    public ObservableList<ChatMessage> searchHits() { return searchHits; }
    public IntegerProperty onlineCountProperty() { return onlineCount; }
    public BooleanProperty hasMoreProperty() { return hasMore; }
    public BooleanProperty visibleProperty() { return visible; }
    public ObjectProperty<Failure> failureProperty() { return failure; }
    public ObjectProperty<Boolean> directProperty() { return direct; }
    public StringProperty announcementProperty() { return announcement; }
}
