package im.magpie.cli.bench;

import im.magpie.server.account.AccountSettings;
import im.magpie.server.account.PasswordHasher;
import im.magpie.server.config.Settings;
import im.magpie.server.store.Database;
import im.magpie.server.store.IdGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Seeds bench users straight into the server database, in bulk: accounts (all with one
 * precomputed Argon2id hash of {@link #PASSWORD}), their empty inboxes, friendships between users
 * 2i and 2i+1, and one session each with a resume token, so the scenarios log in without paying
 * for a password hash. Opening the database through {@link Database#open} brings its schema up to
 * date with the server's own migrations; the rows are the ones the server's stores write
 * (see JdbcAccountStore.insertUser/insertSession, V1__accounts.sql, V1_1__inbox.sql, V2__social.sql).
 *
 * <p>An embedded database belongs to one process at a time: seed while the server is stopped.
 */
public final class Seeder {
    /** The password of every seeded user (for trying one out with the ordinary client). */
    public static final String PASSWORD = "bench-password-123";
    private static final int CHUNK = 2_000;
    private static final int BENCH_NODE_ID = 1023;

    private final Database db;
    private final String prefix;

    public Seeder(Database db, String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]{0,19}")) {
            throw new IllegalArgumentException("--prefix must be a-z then up to 19 of a-z 0-9 _: " + prefix);
        }
        this.db = db;
        this.prefix = prefix;
    }

    public String username(int index) {
        return prefix + index;
    }

    /** Removes every user whose name starts with the prefix, with everything that hangs off them. Returns how many. */
    public int cleanup() {
        return db.jdbi().inTransaction(h -> {
            String bench = "(SELECT user_id FROM users WHERE username LIKE :p)";
            String benchGroups = "(SELECT group_id FROM chat_groups WHERE owner_id IN " + bench + ")";
            String[] deletes = {
                    // groups the bench created (scenario `group`), then the bench users' memberships elsewhere
                    "DELETE FROM group_members WHERE group_id IN " + benchGroups,
                    "DELETE FROM group_invitations WHERE group_id IN " + benchGroups,
                    "DELETE FROM group_join_requests WHERE group_id IN " + benchGroups,
                    "DELETE FROM chat_groups WHERE owner_id IN " + bench,
                    "DELETE FROM group_members WHERE user_id IN " + bench,
                    "DELETE FROM group_invitations WHERE user_id IN " + bench,
                    "DELETE FROM group_join_requests WHERE user_id IN " + bench,
                    // the social graph
                    "DELETE FROM friend_requests WHERE from_id IN " + bench,
                    "DELETE FROM friend_requests WHERE to_id IN " + bench,
                    "DELETE FROM friend_categories WHERE owner_id IN " + bench,
                    "DELETE FROM friendships WHERE owner_id IN " + bench,
                    "DELETE FROM friendships WHERE friend_id IN " + bench,
                    "DELETE FROM blocks WHERE owner_id IN " + bench,
                    "DELETE FROM blocks WHERE blocked_id IN " + bench,
                    // messages they sent (one-to-one and group), sessions and inboxes
                    "DELETE FROM messages WHERE sender_id IN " + bench,
                    "DELETE FROM user_sessions WHERE user_id IN " + bench,
                    "DELETE FROM inbox_events WHERE user_id IN " + bench,
                    "DELETE FROM inbox_heads WHERE user_id IN " + bench,
                    "DELETE FROM friend_list_versions WHERE user_id IN " + bench,
                    "DELETE FROM receipt_marks WHERE reader_id IN " + bench,
            };
            for (String sql : deletes) h.createUpdate(sql).bind("p", prefix + "%").execute();
            return h.createUpdate("DELETE FROM users WHERE username LIKE :p").bind("p", prefix + "%").execute();
        });
    }

    /**
     * Creates {@code count} users {@code prefix0 .. prefix(count-1)}, befriends 2i with 2i+1, and
     * gives each a session; returns them with their resume tokens, in index order.
     */
    public List<Tokens.User> seed(int count, Settings serverSettings, Duration tokenTtl) {
        if (count < 1 || count > 2_000_000) throw new IllegalArgumentException("--users must be 1..2000000: " + count);
        PasswordHasher hasher = new PasswordHasher(serverSettings.get(AccountSettings.ARGON2_MEMORY_KIB),
                serverSettings.get(AccountSettings.ARGON2_ITERATIONS));
        String hash = hasher.hash(PASSWORD);
        IdGenerator ids = new IdGenerator(Clock.systemUTC(), BENCH_NODE_ID);
        SecureRandom random = new SecureRandom();
        long now = System.currentTimeMillis();
        long expires = now + tokenTtl.toMillis();
        List<Tokens.User> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) users.add(new Tokens.User(i, ids.next(), username(i), newToken(random)));
        for (int from = 0; from < count; from += CHUNK) {
            List<Tokens.User> chunk = users.subList(from, Math.min(count, from + CHUNK));
            db.jdbi().useTransaction(h -> insert(h, chunk, hash, now, expires));
        }
        return users;
    }

    private static void insert(Handle h, List<Tokens.User> chunk, String hash, long now, long expires) {
        PreparedBatch u = h.prepareBatch("INSERT INTO users (user_id, username, nickname, signature, avatar_hash, "
                + "created_ms, password_hash) VALUES (:id, :username, :nickname, '', '', :created, :hash)");
        PreparedBatch heads = h.prepareBatch("INSERT INTO inbox_heads (user_id, last_seq) VALUES (:id, 0)");
        // The server would create these at the first login; its first version may be any fresh id.
        PreparedBatch versions = h.prepareBatch("INSERT INTO friend_list_versions (user_id, version) VALUES (:id, :id)");
        PreparedBatch sessions = h.prepareBatch("INSERT INTO user_sessions (session_id, user_id, token_hash, device_name, "
                + "created_ms, expires_ms) VALUES (:sid, :uid, :hash, 'magpie-bench', :created, :expires)");
        PreparedBatch friends = h.prepareBatch("INSERT INTO friendships (owner_id, friend_id, category_id, remark, since_ms) "
                + "VALUES (:owner, :friend, 0, '', :since)");
        for (Tokens.User user : chunk) {
            u.bind("id", user.userId()).bind("username", user.username()).bind("nickname", "Bench " + user.index())
                    .bind("created", now).bind("hash", hash).add();
            heads.bind("id", user.userId()).add();
            versions.bind("id", user.userId()).add();
            sessions.bind("sid", UUID.randomUUID().toString()).bind("uid", user.userId()).bind("hash", tokenHash(user.token()))
                    .bind("created", now).bind("expires", expires).add();
        }
        for (int i = 0; i + 1 < chunk.size(); i += 2) {
            Tokens.User a = chunk.get(i);
            Tokens.User b = chunk.get(i + 1);
            if (a.index() % 2 != 0) throw new IllegalStateException("chunks must start at an even index");
            friends.bind("owner", a.userId()).bind("friend", b.userId()).bind("since", now).add();
            friends.bind("owner", b.userId()).bind("friend", a.userId()).bind("since", now).add();
        }
        u.execute();
        heads.execute();
        versions.execute();
        sessions.execute();
        if (chunk.size() > 1) friends.execute();
    }

    /**
     * Gives every user {@code perUser} more friends besides its partner, both ways: user i and
     * user i + 2j (modulo the count) for j = 1 .. perUser / 2. The partners 2i/2i+1 stay the ones
     * that chat; the rest only make friend lists as long as real ones, which costs whatever reads
     * friendships (logins, presence, the send writer's permission check). Needs an even
     * {@code perUser} and at least {@code 2 * perUser + 2} users, so no pair is made twice.
     */
    public void befriendAround(List<Tokens.User> users, int perUser) {
        checkExtraFriends(users.size(), perUser);
        if (perUser == 0) return;
        int n = users.size();
        long now = System.currentTimeMillis();
        for (int from = 0; from < n; from += CHUNK) {
            int start = from;
            int end = Math.min(n, from + CHUNK);
            db.jdbi().useTransaction(h -> {
                PreparedBatch friends = h.prepareBatch("INSERT INTO friendships (owner_id, friend_id, category_id, remark, since_ms) "
                        + "VALUES (:owner, :friend, 0, '', :since)");
                for (int i = start; i < end; i++) {
                    Tokens.User a = users.get(i);
                    for (int j = 1; j <= perUser / 2; j++) {
                        Tokens.User b = users.get((i + 2 * j) % n);
                        friends.bind("owner", a.userId()).bind("friend", b.userId()).bind("since", now).add();
                        friends.bind("owner", b.userId()).bind("friend", a.userId()).bind("since", now).add();
                    }
                }
                friends.execute();
            });
        }
    }

    /** Throws, naming the option, unless {@link #befriendAround} can give {@code users} users {@code perUser} more friends each. */
    public static void checkExtraFriends(int users, int perUser) {
        if (perUser < 0 || perUser % 2 != 0 || perUser > 1000) {
            throw new IllegalArgumentException("--extra-friends must be an even number from 0 to 1000: " + perUser);
        }
        if (perUser > 0 && users < 2 * perUser + 2) {
            throw new IllegalArgumentException("--extra-friends " + perUser + " needs at least " + (2 * perUser + 2) + " users");
        }
    }

    /** A resume token as the server makes them: 256 random bits, URL-safe Base64. */
    static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the server stores for a token: hex SHA-256 of its UTF-8 bytes (as im.magpie.server.account.ResumeTokens). */
    static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
