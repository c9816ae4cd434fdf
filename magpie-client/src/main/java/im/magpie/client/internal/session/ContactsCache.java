package im.magpie.client.internal.session;

import im.magpie.client.MagpieConnectionException;
import im.magpie.client.MessengerEvent;
import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.KnownPerson;
import im.magpie.client.history.Presence;
import im.magpie.client.internal.Directory;
import im.magpie.client.internal.HistoryMappers;
import im.magpie.client.internal.Records;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.Profile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contacts, groups and names cache: keeps the store's friend list, groups and people current
 * from the login answer, pushes (presence, profiles, friend-list changes, typing, member presence)
 * and refreshes, and looks up people it has not heard of. A friend list older than the one held
 * never replaces it ({@link HistoryStore#replaceContacts(Collection, long)} compares versions).
 * Confined to the session thread.
 */
final class ContactsCache implements SessionPart {
    private static final Logger log = LoggerFactory.getLogger(ContactsCache.class);

    private final Scheduler scheduler;
    private final HistoryStore store;
    private final Directory names;
    private final Consumer<MessengerEvent> publish;
    private Link link;

    ContactsCache(Scheduler scheduler, HistoryStore store, Directory names, Consumer<MessengerEvent> publish) {
        this.scheduler = scheduler;
        this.store = store;
        this.names = names;
        this.publish = publish;
    }

    /** The friend-list version the store holds (0 if none or unreadable): what a resume says it has. */
    long heldFriendListVersion() {
        try {
            return store.friends().version();
        } catch (HistoryStoreException e) {
            publish.accept(new MessengerEvent.StoreFailed(e));
            return 0;
        }
    }

    @Override
    public void online(Link link, LoginOk ok) {
        this.link = link;
        write(() -> {
            names.learn(List.of(Records.person(ok.getSelf())));
            ok.getPendingFriendRequestsList().forEach(r ->
                    names.learn(List.of(Records.person(r.getFrom()), Records.person(r.getTo()))));
            if (ok.getFriendListUnchanged()) {
                Map<Long, Presence> notOffline = new HashMap<>();
                ok.getFriendPresenceList().forEach(p -> notOffline.put(p.getUserId(), HistoryMappers.toPresence(p.getPresence())));
                store.friends().replacePresence(notOffline);
            } else {
                store.friends().replace(HistoryMappers.toContacts(ok.getFriends()), ok.getFriends().getVersion());
            }
        });
        refreshGroups();
    }

    @Override
    public void offline() {
        link = null;
    }

    /** A push that is not an inbox event. */
    void push(Frame frame) {
        switch (frame.getBodyCase()) {
            case PRESENCE_CHANGED -> {
                var p = frame.getPresenceChanged();
                Presence presence = HistoryMappers.toPresence(p.getPresence());
                write(() -> store.friends().updatePresence(p.getUserId(), presence));
                publish.accept(new MessengerEvent.PresenceChanged(names.user(p.getUserId()), presence, p.getTimeMs()));
            }
            case PROFILE_CHANGED -> {
                Profile p = frame.getProfileChanged().getProfile();
                write(() -> {
                    names.learn(List.of(Records.person(p)));
                    store.friends().friend(p.getUserId()).ifPresent(c -> store.friends().upsert(new ContactRecord(c.userId(),
                            p.getUsername(), p.getNickname(), c.remark(), p.getAvatarHash(), p.getSignature(),
                            c.presence(), c.categoryId(), c.categoryName())));
                });
                publish.accept(new MessengerEvent.ProfileChanged(Records.profile(p)));
            }
            case FRIEND_LIST_CHANGED -> take(frame.getFriendListChanged().getFriends());
            case TYPING_PUSH -> publish.accept(new MessengerEvent.Typing(names.user(frame.getTypingPush().getFromUserId())));
            case MEMBER_PRESENCE -> {
                var m = frame.getMemberPresence();
                publish.accept(new MessengerEvent.MemberPresenceChanged(names.group(m.getGroupId()),
                        names.user(m.getUserId()), HistoryMappers.toPresence(m.getPresence()), m.getOnlineCount()));
            }
            default -> log.debug("push ignored: {}", frame.getBodyCase());
        }
    }

    /** Asks the server for the friend list and takes it (unless a newer one arrived meanwhile). */
    CompletableFuture<List<ContactRecord>> refreshFriends() {
        Link l = link;
        if (l == null) {
            return CompletableFuture.failedFuture(new MagpieConnectionException("not connected"));
        }
        CompletableFuture<List<ContactRecord>> done = new CompletableFuture<>();
        l.friendList().whenComplete((list, failure) -> scheduler.execute(() -> {
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            try {
                take(list);
                done.complete(store.friends().all());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }));
        return done;
    }

    private void take(FriendList list) {
        boolean[] changed = new boolean[1];
        write(() -> changed[0] = store.friends().replace(HistoryMappers.toContacts(list), list.getVersion()));
        if (changed[0]) {
            publish.accept(new MessengerEvent.FriendsChanged(store.friends().all()));
        }
    }

    /** Asks the server for this account's groups and replaces the group cache. */
    CompletableFuture<Void> refreshGroups() {
        Link l = link;
        if (l == null) {
            return CompletableFuture.failedFuture(new MagpieConnectionException("not connected"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        l.groupList().whenComplete((groups, failure) -> scheduler.execute(() -> {
            if (failure == null) {
                write(() -> store.groups().replaceMemberGroups(groups.stream().map(HistoryMappers::toGroup).toList()));
            } else {
                log.debug("groups not refreshed: {}", failure.toString());
            }
            done.complete(null);
        }));
        return done;
    }

    /**
     * Looks up the profiles of people the store has no name for; completes (never exceptionally)
     * when all answered or failed, at once when offline or all are known.
     */
    CompletableFuture<Void> learnUnknown(Set<Long> userIds) {
        Link l = link;
        List<Long> unknown = userIds.stream().filter(id -> id > 0 && !names.knows(id)).toList();
        if (l == null || unknown.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> lookups = new ArrayList<>();
        for (long id : unknown) {
            lookups.add(l.profile(id).handle((p, failure) -> {
                if (p != null) {
                    names.learn(List.of(new KnownPerson(p.getUserId(), p.getUsername(), p.getNickname(), p.getAvatarHash())));
                }
                return null;
            }));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .whenComplete((v, f) -> scheduler.execute(() -> done.complete(null)));
        return done;
    }

    private void write(Runnable write) {
        try {
            write.run();
        } catch (HistoryStoreException e) {
            publish.accept(new MessengerEvent.StoreFailed(e));
        }
    }
}
