package im.magpie.server.social;

import im.magpie.protocol.Limits;
import im.magpie.protocol.proto.Category;
import im.magpie.protocol.proto.Friend;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.FriendListChanged;
import im.magpie.protocol.proto.FriendPresence;
import im.magpie.protocol.proto.FriendRemoved;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.server.account.AccountProtos;
import im.magpie.server.cluster.Router;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.inbox.Delivery;
import im.magpie.server.inbox.Inbox;
import im.magpie.server.inbox.StoredEvent;
import im.magpie.server.session.DeviceRef;
import im.magpie.server.store.IdGenerator;
import im.magpie.server.store.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * A user's friend list: friends with presence, categories and remarks, blocks, and removing
 * friends. Categories and remarks are the owner's alone; every change to them (and to blocks) is
 * pushed to the owner's other devices as {@code FriendListChanged}. Removing a friend appends
 * {@code friend_removed} to both inboxes. Blocking; call from worker threads. Thread-safe.
 */
public final class Friends {
    private final Jdbi jdbi;
    private final FriendStore store;
    private final FriendListVersions versions;
    private final ProfileStore profiles;
    private final SocialGraph graph;
    private final FriendRequests requests;
    private final Presence presence;
    private final Inbox inbox;
    private final Router router;
    private final IdGenerator ids;
    private final Clock clock;
    private final int maxCategories;

    Friends(FriendStore store, FriendListVersions versions, ProfileStore profiles, SocialGraph graph,
            FriendRequests requests, Presence presence, Inbox inbox, Router router, IdGenerator ids, Clock clock,
            int maxCategories) {
        this.jdbi = store.jdbi();
        this.store = store;
        this.versions = versions;
        this.profiles = profiles;
        this.graph = graph;
        this.requests = requests;
        this.presence = presence;
        this.inbox = inbox;
        this.router = router;
        this.ids = ids;
        this.clock = clock;
        this.maxCategories = maxCategories;
    }

    /**
     * The friend list for a login answer: left out if {@code knownVersion} (the device's, 0 = none)
     * is still current, with only the friends who are not offline instead. Returns the friends' ids
     * (for the presence fan-out, so it need not read them again).
     */
    public List<Long> addToLogin(long owner, long knownVersion, LoginOk.Builder ok) {
        long version = versions.current(owner); // before the list: a change in between only costs a resend
        if (knownVersion == 0 || knownVersion != version) {
            FriendList list = list(owner, version);
            ok.setFriends(list);
            return list.getFriendsList().stream().map(f -> f.getProfile().getUserId()).toList();
        }
        ok.setFriendListUnchanged(true);
        List<Long> friendIds = graph.friendIds(owner);
        for (long friend : friendIds) {
            PresenceStatus seen = presence.visible(friend);
            if (seen != PresenceStatus.OFFLINE) {
                ok.addFriendPresence(FriendPresence.newBuilder().setUserId(friend).setPresence(seen));
            }
        }
        return friendIds;
    }

    /** The whole list as {@code owner} sees it: categories (default first), friends with presence, blocks. */
    public FriendList list(long owner) {
        return list(owner, versions.current(owner));
    }

    private FriendList list(long owner, long version) {
        FriendList.Builder list = FriendList.newBuilder().setVersion(version);
        list.addCategories(SocialProtos.category(new CategoryRecord(CategoryRecord.DEFAULT_ID, CategoryRecord.DEFAULT_NAME, 0)));
        for (CategoryRecord c : store.categories(owner)) list.addCategories(SocialProtos.category(c));
        for (FriendRow f : store.friends(owner)) {
            list.addFriends(Friend.newBuilder()
                    .setProfile(AccountProtos.profile(f.user()).setPresence(presence.visible(f.user().userId())))
                    .setRemark(f.remark())
                    .setCategoryId(f.categoryId())
                    .setSinceMs(f.sinceMs()));
        }
        list.addAllBlockedUserIds(graph.blockedIds(owner));
        return list.build();
    }

    /** Ends the friendship on both sides; both inboxes get {@code friend_removed}. */
    public void remove(long owner, long friend) {
        List<StoredEvent> events = jdbi.inTransaction(tx -> {
            if (!graph.areFriends(tx, owner, friend)) throw MagpieException.notFound("social.friend.not_found");
            graph.unfriend(tx, owner, friend);
            List<StoredEvent> stored = inbox.append(tx, removed(owner, friend));
            versions.bump(tx, List.of(owner, friend));
            return stored;
        });
        inbox.publish(events);
    }

    /**
     * {@code owner} blocks {@code other}: ends a friendship (both told {@code friend_removed}, which
     * does not reveal the block), cancels the owner's open request to them and hides theirs.
     * Idempotent.
     */
    public void block(long owner, long other, DeviceRef origin) {
        if (owner == other) throw MagpieException.badRequest("social.block.self");
        profiles.find(other).orElseThrow(() -> MagpieException.notFound("social.user.not_found"));
        List<StoredEvent> events = jdbi.inTransaction(tx -> {
            List<StoredEvent> stored = new ArrayList<>();
            graph.block(tx, owner, other, clock.millis());
            List<Long> changed = List.of(owner);
            if (graph.areFriends(tx, owner, other)) {
                graph.unfriend(tx, owner, other);
                stored.addAll(inbox.append(tx, removed(owner, other)));
                changed = List.of(owner, other);
            }
            stored.addAll(requests.onBlock(tx, owner, other));
            versions.bump(tx, changed);
            return stored;
        });
        inbox.publish(events);
        changed(owner, origin);
    }

    /** Lifts a block (they are not friends again; a new request is needed). Idempotent. */
    public void unblock(long owner, long other, DeviceRef origin) {
        jdbi.useTransaction(tx -> {
            graph.unblock(tx, owner, other);
            versions.bump(tx, List.of(owner));
        });
        changed(owner, origin);
    }

    public Category createCategory(long owner, String rawName, DeviceRef origin) {
        String name = categoryName(rawName);
        CategoryRecord created = inTransaction(() -> jdbi.inTransaction(tx -> {
            List<CategoryRecord> existing = store.categories(tx, owner);
            if (existing.size() >= maxCategories) throw MagpieException.conflict("social.category.too_many", maxCategories);
            checkUnique(existing, name, -1);
            int order = existing.stream().mapToInt(CategoryRecord::sortOrder).max().orElse(0) + 1;
            CategoryRecord c = new CategoryRecord(ids.next(), name, order);
            store.insertCategory(tx, owner, c, clock.millis());
            versions.bump(tx, List.of(owner));
            return c;
        }), name);
        changed(owner, origin);
        return SocialProtos.category(created);
    }

    public Category renameCategory(long owner, long categoryId, String rawName, DeviceRef origin) {
        String name = categoryName(rawName);
        if (categoryId == CategoryRecord.DEFAULT_ID) throw MagpieException.badRequest("social.category.default");
        CategoryRecord renamed = inTransaction(() -> jdbi.inTransaction(tx -> {
            List<CategoryRecord> existing = store.categories(tx, owner);
            CategoryRecord c = existing.stream().filter(x -> x.categoryId() == categoryId).findFirst()
                    .orElseThrow(() -> MagpieException.notFound("social.category.not_found"));
            checkUnique(existing, name, categoryId);
            store.renameCategory(tx, owner, categoryId, name);
            versions.bump(tx, List.of(owner));
            return new CategoryRecord(categoryId, name, c.sortOrder());
        }), name);
        changed(owner, origin);
        return SocialProtos.category(renamed);
    }

    /** Deletes a category; its friends move to the default one. */
    public void deleteCategory(long owner, long categoryId, DeviceRef origin) {
        if (categoryId == CategoryRecord.DEFAULT_ID) throw MagpieException.badRequest("social.category.default");
        jdbi.useTransaction(tx -> {
            store.category(tx, owner, categoryId).orElseThrow(() -> MagpieException.notFound("social.category.not_found"));
            store.deleteCategory(tx, owner, categoryId);
            versions.bump(tx, List.of(owner));
        });
        changed(owner, origin);
    }

    public void moveFriend(long owner, long friend, long categoryId, DeviceRef origin) {
        jdbi.useTransaction(tx -> {
            if (categoryId != CategoryRecord.DEFAULT_ID && store.category(tx, owner, categoryId).isEmpty()) {
                throw MagpieException.notFound("social.category.not_found");
            }
            if (!store.moveFriend(tx, owner, friend, categoryId)) throw MagpieException.notFound("social.friend.not_found");
            versions.bump(tx, List.of(owner));
        });
        changed(owner, origin);
    }

    /** Sets the owner's private alias for a friend; "" clears it. */
    public void setRemark(long owner, long friend, String rawRemark, DeviceRef origin) {
        String remark = Texts.check(rawRemark, 0, Limits.REMARK_MAX_CHARS, false, "social.remark.invalid");
        jdbi.useTransaction(tx -> {
            if (!store.setRemark(tx, owner, friend, remark)) throw MagpieException.notFound("social.friend.not_found");
            versions.bump(tx, List.of(owner));
        });
        changed(owner, origin);
    }

    /** Tells the owner's other devices the new list. */
    private void changed(long owner, DeviceRef origin) {
        Frame push = Frame.newBuilder().setFriendListChanged(FriendListChanged.newBuilder().setFriends(list(owner))).build();
        router.pushExcept(owner, push, origin);
    }

    private static String categoryName(String raw) {
        return Texts.check(raw, 1, Limits.CATEGORY_NAME_MAX_CHARS, false, "social.category.name_invalid");
    }

    private static void checkUnique(List<CategoryRecord> existing, String name, long except) {
        String key = name.toLowerCase(Locale.ROOT);
        boolean taken = key.equals(CategoryRecord.DEFAULT_NAME.toLowerCase(Locale.ROOT))
                || existing.stream().anyMatch(c -> c.categoryId() != except && c.name().toLowerCase(Locale.ROOT).equals(key));
        if (taken) throw MagpieException.conflict("social.category.duplicate", name);
    }

    /** A unique violation (two devices creating the same name at once) is a CONFLICT like any duplicate. */
    private static <T> T inTransaction(java.util.function.Supplier<T> work, String name) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) throw MagpieException.conflict("social.category.duplicate", name);
            throw e;
        }
    }

    private static List<Delivery> removed(long a, long b) {
        return List.of(
                new Delivery(a, InboxEvent.newBuilder().setFriendRemoved(FriendRemoved.newBuilder().setUserId(b)).build()),
                new Delivery(b, InboxEvent.newBuilder().setFriendRemoved(FriendRemoved.newBuilder().setUserId(a)).build()));
    }
}
