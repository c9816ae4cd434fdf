package im.magpie.client.internal;

import im.magpie.client.ChatRef;
import im.magpie.client.GroupRef;
import im.magpie.client.UserRef;
import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.GroupRecord;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.KnownPerson;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns ids into names and names into ids from the local caches (contacts, people, groups), so
 * that events, history and commands name people and groups offline too. Reads the store each time
 * (SQLite answers from its page cache); a store failure yields an id-only name rather than an
 * error, since a name is never worth failing an event for. Thread-safe.
 */
public final class Directory {
    private final HistoryStore store;

    public Directory(HistoryStore store) {
        this.store = store;
    }

    /** The best name of {@code userId}: remark, nickname, username, else {@code "user <id>"}. */
    public UserRef user(long userId) {
        if (userId <= 0) {
            return UserRef.unknown(Math.max(userId, 0));
        }
        try {
            Optional<ContactRecord> friend = store.friends().friend(userId);
            if (friend.isPresent()) {
                return new UserRef(userId, friend.get().username(), friend.get().displayName());
            }
            return store.people().person(userId)
                    .map(p -> new UserRef(userId, p.username(), p.nickname().isBlank() ? p.username() : p.nickname()))
                    .orElseGet(() -> UserRef.unknown(userId));
        } catch (HistoryStoreException | IllegalStateException e) {
            return UserRef.unknown(userId);
        }
    }

    public GroupRef group(long groupId) {
        try {
            return store.groups().group(groupId).map(g -> new GroupRef(groupId, g.name()))
                    .orElseGet(() -> new GroupRef(groupId, ""));
        } catch (HistoryStoreException | IllegalStateException e) {
            return new GroupRef(groupId, "");
        }
    }

    public ChatRef chat(PeerRef peer) {
        return new ChatRef(peer, peer.kind() == PeerKind.GROUP ? group(peer.id()).name() : user(peer.id()).displayName());
    }

    /** Someone known by {@code name} (username, remark or nickname; unique), or a numeric id. */
    public Optional<UserRef> findUser(String name) {
        String n = name.strip();
        if (n.startsWith("@")) {
            n = n.substring(1);
        }
        if (n.matches("[0-9]{1,19}")) {
            return Optional.of(user(Long.parseLong(n)));
        }
        return store.people().findByName(n).map(p -> user(p.userId()));
    }

    /** A cached group by name (ignoring case; unique) or a numeric id. */
    public Optional<GroupRef> findGroup(String name) {
        String n = name.strip();
        if (n.matches("[0-9]{1,19}")) {
            return Optional.of(group(Long.parseLong(n)));
        }
        String lower = n.toLowerCase(Locale.ROOT);
        List<GroupRecord> matches = store.groups().all().stream()
                .filter(g -> g.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
        return matches.size() == 1 ? Optional.of(new GroupRef(matches.get(0).groupId(), matches.get(0).name()))
                : Optional.empty();
    }

    /** Remembers people this account heard of (never fails the caller: a cache miss is not an error). */
    public void learn(Collection<KnownPerson> people) {
        try {
            store.people().learn(people);
        } catch (HistoryStoreException | IllegalStateException e) {
            // names only: the next mention learns them again
        }
    }

    /** Remembers a group's name, keeping its cached role and size (used for invitations and notices). */
    public void learnGroup(long groupId, String name) {
        if (groupId <= 0 || name == null || name.isBlank()) {
            return;
        }
        try {
            Optional<GroupRecord> held = store.groups().group(groupId);
            if (held.isEmpty() || !held.get().name().equals(name)) {
                store.groups().upsert(held.map(g -> new GroupRecord(groupId, name, g.memberCount(), g.myRole()))
                        .orElseGet(() -> new GroupRecord(groupId, name, 0, im.magpie.client.history.MemberRole.NONE)));
            }
        } catch (HistoryStoreException | IllegalStateException e) {
            // names only
        }
    }

    /** Whether {@code userId} has a known username. */
    public boolean knows(long userId) {
        return user(userId).named();
    }
}
