package im.magpie.server.social;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The owner-side details of friendships (category, remark) and the owner's categories (table
 * {@code friend_categories}). Blocking; thread-safe.
 */
final class FriendStore {
    private final Jdbi jdbi;

    FriendStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    List<FriendRow> friends(long owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT f.category_id, f.remark, f.since_ms, u.user_id, u.username, "
                        + "u.nickname, u.signature, u.avatar_hash, u.created_ms FROM friendships f "
                        + "JOIN users u ON u.user_id = f.friend_id WHERE f.owner_id = :o ORDER BY u.username")
                .bind("o", owner)
                .map((rs, ctx) -> new FriendRow(ProfileStore.USER.map(rs, ctx), rs.getLong("category_id"),
                        rs.getString("remark"), rs.getLong("since_ms")))
                .list());
    }

    int friendCount(Handle h, long owner) {
        return h.createQuery("SELECT COUNT(*) FROM friendships WHERE owner_id = :o")
                .bind("o", owner).mapTo(Integer.class).one();
    }

    List<CategoryRecord> categories(Handle h, long owner) {
        return h.createQuery("SELECT category_id, name, sort_order FROM friend_categories WHERE owner_id = :o "
                        + "ORDER BY sort_order, category_id")
                .bind("o", owner)
                .map((rs, ctx) -> new CategoryRecord(rs.getLong("category_id"), rs.getString("name"), rs.getInt("sort_order")))
                .list();
    }

    List<CategoryRecord> categories(long owner) {
        return jdbi.withHandle(h -> categories(h, owner));
    }

    Optional<CategoryRecord> category(Handle h, long owner, long categoryId) {
        return categories(h, owner).stream().filter(c -> c.categoryId() == categoryId).findFirst();
    }

    void insertCategory(Handle tx, long owner, CategoryRecord c, long nowMs) {
        tx.createUpdate("INSERT INTO friend_categories (category_id, owner_id, name, sort_order, created_ms) "
                        + "VALUES (:id, :o, :name, :ord, :t)")
                .bind("id", c.categoryId()).bind("o", owner).bind("name", c.name()).bind("ord", c.sortOrder())
                .bind("t", nowMs).execute();
    }

    void renameCategory(Handle tx, long owner, long categoryId, String name) {
        tx.createUpdate("UPDATE friend_categories SET name = :name WHERE owner_id = :o AND category_id = :id")
                .bind("name", name).bind("o", owner).bind("id", categoryId).execute();
    }

    /** Deletes the category; its friends move to the default one. */
    void deleteCategory(Handle tx, long owner, long categoryId) {
        tx.createUpdate("UPDATE friendships SET category_id = 0 WHERE owner_id = :o AND category_id = :id")
                .bind("o", owner).bind("id", categoryId).execute();
        tx.createUpdate("DELETE FROM friend_categories WHERE owner_id = :o AND category_id = :id")
                .bind("o", owner).bind("id", categoryId).execute();
    }

    /** False if {@code friend} is not the owner's friend. */
    boolean moveFriend(Handle tx, long owner, long friend, long categoryId) {
        return tx.createUpdate("UPDATE friendships SET category_id = :c WHERE owner_id = :o AND friend_id = :f")
                .bind("c", categoryId).bind("o", owner).bind("f", friend).execute() == 1;
    }

    /** False if {@code friend} is not the owner's friend. */
    boolean setRemark(Handle tx, long owner, long friend, String remark) {
        return tx.createUpdate("UPDATE friendships SET remark = :r WHERE owner_id = :o AND friend_id = :f")
                .bind("r", remark).bind("o", owner).bind("f", friend).execute() == 1;
    }
}
