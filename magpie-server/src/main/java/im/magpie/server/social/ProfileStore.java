package im.magpie.server.social;

import im.magpie.server.account.User;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Profiles (the public columns of {@code users}) and avatars (table {@code avatars}). Blocking; call
 * from worker threads. Thread-safe.
 */
final class ProfileStore {
    static final String USER_COLUMNS = "user_id, username, nickname, signature, avatar_hash, created_ms";
    static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getLong("user_id"), rs.getString("username"),
            rs.getString("nickname"), rs.getString("signature"), rs.getString("avatar_hash"), rs.getLong("created_ms"));

    private final Jdbi jdbi;
    private final FriendListVersions versions;

    ProfileStore(Jdbi jdbi, FriendListVersions versions) {
        this.jdbi = jdbi;
        this.versions = versions;
    }

    Optional<User> find(long userId) {
        return jdbi.withHandle(h -> find(h, userId));
    }

    Optional<User> find(Handle h, long userId) {
        return h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE user_id = :id")
                .bind("id", userId).map(USER).findOne();
    }

    Optional<User> findByUsername(String canonicalUsername) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE username = :u")
                .bind("u", canonicalUsername).map(USER).findOne());
    }

    /** The users with these ids (unknown ids are left out). */
    Map<Long, User> findAll(Handle h, Collection<Long> ids) {
        Map<Long, User> users = new HashMap<>();
        if (ids.isEmpty()) return users;
        h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE user_id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).map(USER).forEach(u -> users.put(u.userId(), u));
        return users;
    }

    /** The exact username first, then usernames starting with {@code prefix} (if given), in order. */
    List<User> search(String exact, String prefix, int limit) {
        return jdbi.withHandle(h -> {
            List<User> found = new java.util.ArrayList<>(
                    h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE username = :u")
                            .bind("u", exact).map(USER).list());
            if (prefix != null && found.size() < limit) {
                String pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
                h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE username LIKE :p ESCAPE '!' "
                                + "AND username <> :u ORDER BY username LIMIT :n")
                        .bind("p", pattern).bind("u", exact).bind("n", limit - found.size())
                        .map(USER).forEach(found::add);
            }
            return found;
        });
    }

    /** Also a new friend-list version for everyone whose list shows this user. */
    void update(long userId, String nickname, String signature) {
        jdbi.useTransaction(tx -> {
            tx.createUpdate("UPDATE users SET nickname = :n, signature = :s WHERE user_id = :id")
                    .bind("n", nickname).bind("s", signature).bind("id", userId).execute();
            versions.bumpFriendsOf(tx, userId);
        });
    }

    /**
     * Stores the avatar (once per content) and makes it the user's (a new friend-list version for
     * everyone whose list shows this user). The avatar row is written first
     * on its own: at worst an unused row stays behind, never a user pointing at a missing avatar.
     */
    void setAvatar(long userId, String hash, byte[] png, long nowMs) {
        storeImage(hash, png, nowMs);
        jdbi.useTransaction(tx -> {
            tx.createUpdate("UPDATE users SET avatar_hash = :h WHERE user_id = :id")
                    .bind("h", hash).bind("id", userId).execute();
            versions.bumpFriendsOf(tx, userId);
        });
    }

    /**
     * Stores a normalised picture under its hash (once; the same picture may serve many). A picture
     * already stored is touched ({@code created_ms} = now), so the unused-picture sweep leaves it
     * alone while the profile or group that chose it is updated.
     */
    void storeImage(String hash, byte[] png, long nowMs) {
        jdbi.useHandle(h -> {
            int exists = h.createUpdate("UPDATE avatars SET created_ms = :t WHERE avatar_hash = :h")
                    .bind("t", nowMs).bind("h", hash).execute();
            if (exists > 0) return;
            try {
                h.createUpdate("INSERT INTO avatars (avatar_hash, image, created_ms) VALUES (:h, :img, :t)")
                        .bind("h", hash).bind("img", png).bind("t", nowMs).execute();
            } catch (RuntimeException e) {
                // Someone stored the same picture at the same moment: it is there now.
                if (!im.magpie.server.store.Sql.isUniqueViolation(e)) throw e;
            }
        });
    }

    /**
     * True if {@code viewer} uses this avatar, or a friend of theirs does, or someone they have an
     * open (visible) friend request with.
     */
    boolean avatarVisibleTo(String hash, long viewer, long nowMs) {
        return jdbi.withHandle(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM users WHERE user_id = :v AND avatar_hash = :h")
                    .bind("v", viewer).bind("h", hash).mapTo(Integer.class).one() > 0) return true;
            if (h.createQuery("SELECT COUNT(*) FROM friendships f JOIN users u ON u.user_id = f.friend_id "
                            + "WHERE f.owner_id = :v AND u.avatar_hash = :h")
                    .bind("v", viewer).bind("h", hash).mapTo(Integer.class).one() > 0) return true;
            return h.createQuery("SELECT COUNT(*) FROM friend_requests r JOIN users u "
                            + "ON (u.user_id = r.from_id OR u.user_id = r.to_id) "
                            + "WHERE (r.from_id = :v OR r.to_id = :v) AND u.user_id <> :v AND u.avatar_hash = :h "
                            + "AND r.req_state = 1 AND r.silenced = 0 AND r.expires_ms > :now")
                    .bind("v", viewer).bind("h", hash).bind("now", nowMs).mapTo(Integer.class).one() > 0;
        });
    }

    /** Deletes pictures stored or touched before {@code cutoffMs} that no user and no group uses. */
    int deleteUnusedImages(long cutoffMs) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM avatars WHERE created_ms < :cutoff "
                        + "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.avatar_hash = avatars.avatar_hash) "
                        + "AND NOT EXISTS (SELECT 1 FROM chat_groups g WHERE g.avatar_hash = avatars.avatar_hash)")
                .bind("cutoff", cutoffMs).execute());
    }

    Optional<byte[]> avatar(String hash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT image FROM avatars WHERE avatar_hash = :h")
                .bind("h", hash).mapTo(byte[].class).findOne());
    }

    /** Ids of users who use this avatar. */
    List<Long> usersWithAvatar(String hash, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM users WHERE avatar_hash = :h ORDER BY user_id LIMIT :n")
                .bind("h", hash).bind("n", limit).mapTo(Long.class).list());
    }
}
