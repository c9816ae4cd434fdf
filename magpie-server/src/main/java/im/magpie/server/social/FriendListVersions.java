package im.magpie.server.social;

import im.magpie.server.store.IdGenerator;
import im.magpie.server.store.Sql;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The version of each user's friend list (table {@code friend_list_versions}; the protocol's
 * {@code FriendList.version}). It changes in the same transaction as anything the list shows
 * except presence: friends, categories, remarks, blocks, and a friend's nickname, signature or
 * avatar. A reconnecting device that holds the current version is not sent the list again, which
 * is most of what a login with a long friend list costs.
 *
 * <p>A new version is a fresh id from the {@link IdGenerator}, not the old one plus one, so a
 * version a device remembers is never given to different contents again (e.g. after a restore
 * from backup). Blocking; thread-safe.
 */
final class FriendListVersions {
    private final Jdbi jdbi;
    private final IdGenerator ids;

    FriendListVersions(Jdbi jdbi, IdGenerator ids) {
        this.jdbi = jdbi;
        this.ids = ids;
    }

    /**
     * The owner's current version, never 0. The first call for a user (their registration's login
     * answer) creates it; the migration made one for every user before it.
     */
    long current(long owner) {
        return jdbi.withHandle(h -> find(h, owner).orElseGet(() -> create(h, owner)));
    }

    /**
     * Gives each owner a new version. Call it as the last statement of the transaction that changed
     * their lists: rows are taken in ascending user id, one lock order for every transaction.
     */
    void bump(Handle tx, Collection<Long> owners) {
        if (owners.isEmpty()) return;
        long next = ids.next();
        PreparedBatch batch = tx.prepareBatch("UPDATE friend_list_versions SET version = :v WHERE user_id = :u");
        for (long owner : new TreeSet<>(owners)) batch.bind("v", next).bind("u", owner).add();
        batch.execute();
    }

    /** A new version for everyone who has {@code userId} as a friend (their lists show its profile). */
    void bumpFriendsOf(Handle tx, long userId) {
        bump(tx, tx.createQuery("SELECT owner_id FROM friendships WHERE friend_id = :u")
                .bind("u", userId).mapTo(Long.class).list());
    }

    private static Optional<Long> find(Handle h, long owner) {
        return h.createQuery("SELECT version FROM friend_list_versions WHERE user_id = :u")
                .bind("u", owner).mapTo(Long.class).findOne();
    }

    private long create(Handle h, long owner) {
        long version = ids.next();
        try {
            h.createUpdate("INSERT INTO friend_list_versions (user_id, version) VALUES (:u, :v)")
                    .bind("u", owner).bind("v", version).execute();
            return version;
        } catch (RuntimeException e) {
            // Another device of the same user logged in at the same moment and created it.
            if (!Sql.isUniqueViolation(e)) throw e;
            return find(h, owner).orElseThrow(() -> e);
        }
    }
}
