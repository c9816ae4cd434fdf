package im.magpie.desktop.model;

import im.magpie.client.MessengerEvent;
import im.magpie.client.SessionState;
import im.magpie.protocol.proto.FriendRequestState;
import im.magpie.protocol.proto.GroupNotice;
import im.magpie.protocol.proto.InboxEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The library's events in the desktop's terms ({@link DesktopEvent}). Runs on the library's event
 * thread; events that must name people (group joins, invitations) are resolved on a thread of
 * their own, since a name may need a request to the server.
 */
final class EventTranslator {
    private final MessengerGateway gateway;
    private final Consumer<DesktopEvent> out;
    private final ExecutorService naming = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "magpie-desktop-names");
        t.setDaemon(true);
        return t;
    });

    EventTranslator(MessengerGateway gateway, Consumer<DesktopEvent> out) {
        this.gateway = gateway;
        this.out = out;
    }

    void translate(MessengerEvent event) {
        if (event instanceof MessengerEvent.StateChanged s) {
            out.accept(new DesktopEvent.Connection(connection(s)));
            if (s.state() == SessionState.ONLINE) {
                gateway.social().refreshGroups().exceptionally(e -> null)
                        .thenRun(() -> out.accept(new DesktopEvent.GroupsChanged()));
                out.accept(new DesktopEvent.FriendsChanged());
            }
        } else if (event instanceof MessengerEvent.MessagesReceived r) {
            List<ChatMessage> messages = r.messages().stream().map(Mapping::message).toList();
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
            ChatMessage m = Mapping.message(f.message());
            out.accept(new DesktopEvent.ChatsChanged(Set.of(m.chat())));
            out.accept(new DesktopEvent.SendFailed(m, Failures.of(f.reason())));
        } else if (event instanceof MessengerEvent.ConversationChanged c) {
            out.accept(new DesktopEvent.ChatsChanged(Set.of(Mapping.chat(c.peer()))));
        } else if (event instanceof MessengerEvent.Notice n) {
            notice(n.event());
        } else if (event instanceof MessengerEvent.Push p) {
            var frame = p.frame();
            if (frame.hasMemberPresence()) {
                var mp = frame.getMemberPresence();
                out.accept(new DesktopEvent.MemberPresence(mp.getGroupId(), mp.getUserId(),
                        Mapping.presence(mp.getPresence()), mp.getOnlineCount()));
            } else if (frame.hasProfileChanged()) {
                // the library's cache keeps no profile pushes (today): read the list again
                gateway.social().refreshFriends().exceptionally(x -> null)
                        .thenRun(() -> out.accept(new DesktopEvent.FriendsChanged()));
            } else if (frame.hasPresenceChanged() || frame.hasFriendListChanged()) {
                out.accept(new DesktopEvent.FriendsChanged());
            }
        } else if (event instanceof MessengerEvent.Synced) {
            out.accept(new DesktopEvent.ChatsChanged(Set.of()));
        } else if (event instanceof MessengerEvent.StoreFailed f) {
            out.accept(new DesktopEvent.StorageProblem(f.error().getMessage()));
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

    private void notice(InboxEvent e) {
        if (e.hasFriendRequest()) {
            var r = e.getFriendRequest();
            boolean incoming = r.getTo().getUserId() == gateway.selfId();
            if (r.getState() == FriendRequestState.PENDING && incoming) {
                var from = r.getFrom();
                String name = from.getNickname().isBlank() ? from.getUsername() : from.getNickname();
                out.accept(new DesktopEvent.NoticeArrived(new Notice.FriendRequest(r.getRequestId(), name, r.getNote())));
            } else {
                out.accept(new DesktopEvent.NoticeGone("friend:" + r.getRequestId()));
                if (r.getState() == FriendRequestState.ACCEPTED) {
                    gateway.social().refreshFriends().exceptionally(x -> null)
                            .thenRun(() -> out.accept(new DesktopEvent.FriendsChanged()));
                }
            }
        } else if (e.hasFriendRemoved()) {
            out.accept(new DesktopEvent.FriendsChanged());
        } else if (e.hasGroupNotice()) {
            GroupNotice g = e.getGroupNotice();
            long time = e.getTimeMs();
            naming.execute(() -> groupNotice(g, time));
        }
    }

    private void groupNotice(GroupNotice g, long timeMs) {
        switch (g.getKind()) {
            case INVITED -> out.accept(new DesktopEvent.NoticeArrived(
                    new Notice.GroupInvitation(g.getGroupId(), g.getGroupName(), gateway.nameOf(g.getActorId()))));
            case MEMBER_JOINED, MEMBER_LEFT, MEMBER_REMOVED, GROUP_DISSOLVED, GROUP_UPDATED, GROUP_CREATED -> {
                GroupActivity.Kind kind = switch (g.getKind()) {
                    case MEMBER_JOINED, GROUP_CREATED -> GroupActivity.Kind.JOINED;
                    case MEMBER_LEFT -> GroupActivity.Kind.LEFT;
                    case MEMBER_REMOVED -> GroupActivity.Kind.REMOVED;
                    case GROUP_DISSOLVED -> GroupActivity.Kind.DISSOLVED;
                    default -> GroupActivity.Kind.UPDATED;
                };
                long subject = g.getSubjectId() != 0 ? g.getSubjectId() : g.getActorId();
                out.accept(new DesktopEvent.GroupChanged(new GroupActivity(g.getGroupId(), kind,
                        gateway.nameOf(g.getActorId()), gateway.nameOf(subject), timeMs)));
                if (subject == gateway.selfId() || kind == GroupActivity.Kind.DISSOLVED || kind == GroupActivity.Kind.UPDATED) {
                    try {
                        gateway.social().refreshGroups().join();
                    } catch (RuntimeException ignored) {
                        // offline: the next login refreshes the groups
                    }
                    out.accept(new DesktopEvent.GroupsChanged());
                }
            }
            default -> { }
        }
    }

    void close() {
        naming.shutdownNow();
    }
}
