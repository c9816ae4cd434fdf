package im.magpie.desktop.model;

import im.magpie.client.GroupNoticeKind;
import im.magpie.client.MessengerEvent;
import im.magpie.client.SessionState;
import im.magpie.client.UserRef;
import im.magpie.client.files.FileDirection;
import im.magpie.client.p2p.ConversationPath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The library's events in the desktop's terms ({@link DesktopEvent}). Runs on the library's event
 * thread and never blocks it: the events name people and groups already, and the caches the
 * windows re-read hold what an event reports before it is delivered. The one list the library
 * announces no change of is the group list, so a notice that changes this account's groups asks
 * for it again before {@link DesktopEvent.GroupsChanged}.
 */
final class EventTranslator {
    private final LongSupplier selfId;
    private final Supplier<CompletableFuture<Void>> refreshGroups;
    private final Consumer<DesktopEvent> out;

    /**
     * @param selfId this account's user id
     * @param refreshGroups asks the server for the group list and stores it
     * @param out where the desktop's events go
     */
    EventTranslator(LongSupplier selfId, Supplier<CompletableFuture<Void>> refreshGroups, Consumer<DesktopEvent> out) {
        this.selfId = selfId;
        this.refreshGroups = refreshGroups;
        this.out = out;
    }

    void translate(MessengerEvent event) {
        if (event instanceof MessengerEvent.StateChanged s) {
            out.accept(new DesktopEvent.Connection(connection(s)));
            if (s.state() == SessionState.ONLINE) {
                groupsChanged();
                out.accept(new DesktopEvent.FriendsChanged());
            }
        } else if (event instanceof MessengerEvent.MessagesReceived r) {
            List<ChatMessage> messages = r.messages().stream().map(m -> Mapping.message(m.record())).toList();
            Set<ChatKey> chats = new LinkedHashSet<>();
            messages.forEach(m -> chats.add(m.chat()));
            out.accept(new DesktopEvent.ChatsChanged(chats));
            List<ChatMessage> fromOthers = messages.stream().filter(m -> !m.outgoing()).toList();
            if (!fromOthers.isEmpty()) {
                out.accept(new DesktopEvent.Arrived(fromOthers));
            }
        } else if (event instanceof MessengerEvent.MessageSent s) {
            out.accept(new DesktopEvent.ChatsChanged(Set.of(Mapping.chat(s.message().peer()))));
        } else if (event instanceof MessengerEvent.MessageFailed f) {
            ChatMessage m = Mapping.message(f.message().record());
            out.accept(new DesktopEvent.ChatsChanged(Set.of(m.chat())));
            out.accept(new DesktopEvent.SendFailed(m, Failures.of(f.reason())));
        } else if (event instanceof MessengerEvent.ConversationChanged c) {
            // receipts, recalls and read marks: each comes with one of these for its conversation
            out.accept(new DesktopEvent.ChatsChanged(Set.of(Mapping.chat(c.peer()))));
        } else if (event instanceof MessengerEvent.FriendRequestReceived r) {
            out.accept(new DesktopEvent.NoticeArrived(Mapping.notice(r.request())));
        } else if (event instanceof MessengerEvent.FriendRequestAnswered a) {
            // answered here, elsewhere or by the other side; an accepted friend comes as FriendsChanged
            out.accept(new DesktopEvent.NoticeGone(Mapping.notice(a.request()).key()));
        } else if (event instanceof MessengerEvent.ProfileChanged p && p.profile().userId() == selfId.getAsLong()) {
            out.accept(new DesktopEvent.SelfChanged(Mapping.self(p.profile())));
        } else if (event instanceof MessengerEvent.FriendsChanged || event instanceof MessengerEvent.FriendRemoved
                || event instanceof MessengerEvent.PresenceChanged || event instanceof MessengerEvent.ProfileChanged) {
            // already in the contacts cache: the friend list is read again from it
            out.accept(new DesktopEvent.FriendsChanged());
        } else if (event instanceof MessengerEvent.GroupNotice g) {
            groupNotice(g);
        } else if (event instanceof MessengerEvent.MemberPresenceChanged m) {
            out.accept(new DesktopEvent.MemberPresence(m.group().groupId(), m.user().userId(),
                    Mapping.presence(m.presence()), m.onlineCount()));
        } else if (event instanceof MessengerEvent.Synced) {
            out.accept(new DesktopEvent.ChatsChanged(Set.of()));
        } else if (event instanceof MessengerEvent.FileEvent f) {
            file(f);
        } else if (event instanceof MessengerEvent.PathChanged p) {
            out.accept(new DesktopEvent.PathChanged(ChatKey.user(p.friend().userId()), p.path() == ConversationPath.DIRECT));
        } else if (event instanceof MessengerEvent.StoreFailed f) {
            out.accept(new DesktopEvent.StorageProblem(f.error().getMessage()));
        }
        // not shown: ServerGoingAway (the StateChanged after it is), ReceiptReceived and
        // MessageRecalled (their ConversationChanged is), FriendRequestSent, Typing
    }

    private void file(MessengerEvent.FileEvent event) {
        if (event instanceof MessengerEvent.FileOffered o) {
            out.accept(new DesktopEvent.FileOffered(
                    Mapping.file(o.offer(), Mapping.chat(o.chat().peer()), selfId.getAsLong(), o.timeMs())));
        } else if (event instanceof MessengerEvent.FileAnswered a) {
            out.accept(new DesktopEvent.FileAnswered(a.fileId(), a.accepted()));
        } else if (event instanceof MessengerEvent.FileProgress p) {
            out.accept(new DesktopEvent.FileMoved(p.fileId(), p.direction() == FileDirection.UPLOAD, p.bytesDone(),
                    p.totalBytes(), "direct".equals(p.transport())));
        } else if (event instanceof MessengerEvent.FileCompleted c) {
            out.accept(new DesktopEvent.FileDone(c.fileId(), c.direction() == FileDirection.UPLOAD, c.file()));
        } else if (event instanceof MessengerEvent.FileFailed f) {
            Failure why = Failures.of(f.reason());
            out.accept(new DesktopEvent.FileFailed(f.fileId(), f.direction() == FileDirection.UPLOAD, why,
                    why.kind() == Failure.Kind.DECLINED));
        }
    }

    private static ConnectionState connection(MessengerEvent.StateChanged s) {
        return switch (s.state()) {
            case CONNECTING -> new ConnectionState(ConnectionState.Phase.CONNECTING, 0, null);
            case ONLINE -> new ConnectionState(ConnectionState.Phase.ONLINE, 0, null);
            case RECONNECTING -> new ConnectionState(ConnectionState.Phase.RECONNECTING,
                    s.retryIn() == null ? 0 : Math.max(1, (s.retryIn().toMillis() + 999) / 1000),
                    s.cause() == null ? null : Failures.of(s.cause()));
            case OFFLINE -> new ConnectionState(ConnectionState.Phase.OFFLINE, 0,
                    s.cause() == null ? null : Failures.of(s.cause()));
        };
    }

    private void groupNotice(MessengerEvent.GroupNotice g) {
        if (g.kind() == GroupNoticeKind.INVITED) {
            out.accept(new DesktopEvent.NoticeArrived(new Notice.GroupInvitation(g.group().groupId(), g.group().name(),
                    name(g.actor()))));
            return;
        }
        GroupActivity.Kind kind = switch (g.kind()) {
            case MEMBER_JOINED, GROUP_CREATED -> GroupActivity.Kind.JOINED;
            case MEMBER_LEFT -> GroupActivity.Kind.LEFT;
            case MEMBER_REMOVED -> GroupActivity.Kind.REMOVED;
            case GROUP_DISSOLVED -> GroupActivity.Kind.DISSOLVED;
            case GROUP_UPDATED -> GroupActivity.Kind.UPDATED;
            default -> null; // roles, join requests: not shown in the conversation
        };
        if (kind == null) {
            return;
        }
        UserRef subject = g.subject() != null ? g.subject() : g.actor();
        out.accept(new DesktopEvent.GroupChanged(new GroupActivity(g.group().groupId(), kind,
                name(g.actor()), name(subject), g.timeMs())));
        if ((subject != null && subject.userId() == selfId.getAsLong())
                || g.kind() == GroupNoticeKind.GROUP_DISSOLVED || g.kind() == GroupNoticeKind.GROUP_UPDATED) {
            groupsChanged();
        }
    }

    private static String name(UserRef user) {
        return user == null ? "" : user.displayName();
    }

    /** Reads the group list again, then says so (also when offline: the cache is what there is). */
    private void groupsChanged() {
        refreshGroups.get().exceptionally(e -> null)
                .thenRun(() -> out.accept(new DesktopEvent.GroupsChanged()));
    }
}
