package im.magpie.client;

import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.GroupRecord;
import im.magpie.client.history.MemberRole;
import im.magpie.client.history.PeerRef;
import im.magpie.client.internal.session.Session;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Friends, groups and the names of everyone this account has heard of, from the local caches,
 * through a {@link Messenger} ({@link Messenger#addressBook()}). Reads work offline and block for
 * one short SQLite transaction; the caches are refreshed at every login and when the server says
 * something changed, and the {@code refresh} methods ask the server at once (they fail with
 * {@link MagpieConnectionException} when not online). Thread-safe; futures complete on a library
 * thread.
 */
public final class AddressBook {
    private final Session session;

    AddressBook(Session session) {
        this.session = session;
    }

    /** Friends, from the local cache, by category then display name. */
    public List<ContactRecord> friends() {
        return session.store().friends().all();
    }

    /** Asks the server for the friend list, updates the local cache with it and returns the cache. */
    public CompletableFuture<List<ContactRecord>> refreshFriends() {
        return session.refreshFriends();
    }

    /** This account's groups, from the local cache, by name. */
    public List<GroupRecord> groups() {
        return session.store().groups().all().stream().filter(g -> g.myRole() != MemberRole.NONE).toList();
    }

    /** Asks the server for this account's groups, replaces the local cache with them and returns them. */
    public CompletableFuture<List<GroupRecord>> refreshGroups() {
        return session.refreshGroups().thenApply(v -> groups());
    }

    /** The best name this account knows for {@code userId} (works offline). */
    public UserRef user(long userId) {
        return session.names().user(userId);
    }

    /**
     * Someone this account has heard of (a friend, a requester, a fellow member, a sender), by
     * username, remark or nickname (unique, ignoring case) or numeric id; works offline.
     */
    public Optional<UserRef> findUser(String name) {
        return session.names().findUser(name);
    }

    /** A group by id, with its cached name. */
    public GroupRef group(long groupId) {
        return session.names().group(groupId);
    }

    /** A cached group by name (unique, ignoring case) or numeric id; works offline. */
    public Optional<GroupRef> findGroup(String name) {
        return session.names().findGroup(name);
    }

    /** A conversation with its title (the friend's or the group's name). */
    public ChatRef chat(PeerRef peer) {
        return session.names().chat(peer);
    }
}
