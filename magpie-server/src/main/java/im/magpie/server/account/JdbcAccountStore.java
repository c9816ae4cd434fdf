package im.magpie.server.account;

import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.store.Sql;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link AccountStore} on the server database (tables {@code users}, {@code user_sessions}). */
public final class JdbcAccountStore implements AccountStore {
    private static final String USER_COLUMNS = "user_id, username, nickname, signature, avatar_hash, created_ms";
    private static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getLong("user_id"), rs.getString("username"),
            rs.getString("nickname"), rs.getString("signature"), rs.getString("avatar_hash"), rs.getLong("created_ms"));
    private static final RowMapper<SessionRecord> SESSION = (rs, ctx) -> new SessionRecord(rs.getString("session_id"),
            rs.getLong("user_id"), rs.getString("device_name"), rs.getLong("created_ms"), rs.getLong("expires_ms"));

    private static final int MAX_KNOWN_ADDRESSES = 50;

    private final Jdbi jdbi;

    public JdbcAccountStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insertUser(User user, String passwordHash) {
        try {
            jdbi.useTransaction(h -> {
                h.createUpdate("INSERT INTO users (" + USER_COLUMNS + ", password_hash) "
                                + "VALUES (:id, :username, :nickname, :signature, :avatar, :created, :hash)")
                        .bind("id", user.userId())
                        .bind("username", user.username())
                        .bind("nickname", user.nickname())
                        .bind("signature", user.signature())
                        .bind("avatar", user.avatarHash())
                        .bind("created", user.createdMs())
                        .bind("hash", passwordHash)
                        .execute();
                // Every account has an (empty) inbox from the start; see im.magpie.server.inbox.Inbox.
                h.createUpdate("INSERT INTO inbox_heads (user_id, last_seq) VALUES (:id, 0)")
                        .bind("id", user.userId()).execute();
            });
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) throw MagpieException.conflict("account.username.taken", user.username());
            throw e;
        }
    }

    @Override
    public Optional<User> findUser(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE user_id = :id")
                .bind("id", userId).map(USER).findOne());
    }

    @Override
    public Optional<User> findByUsername(String canonicalUsername) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE username = :u")
                .bind("u", canonicalUsername).map(USER).findOne());
    }

    @Override
    public Optional<String> passwordHash(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE user_id = :id")
                .bind("id", userId).mapTo(String.class).findOne());
    }

    @Override
    public void changePassword(long userId, String passwordHash, String keepSessionId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE users SET password_hash = :hash WHERE user_id = :id")
                    .bind("hash", passwordHash).bind("id", userId).execute();
            h.createUpdate("DELETE FROM user_sessions WHERE user_id = :id AND session_id <> :keep")
                    .bind("id", userId).bind("keep", keepSessionId).execute();
        });
    }

    @Override
    public void insertSession(SessionRecord s, String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO user_sessions (session_id, user_id, token_hash, device_name, "
                        + "created_ms, expires_ms) VALUES (:sid, :uid, :hash, :device, :created, :expires)")
                .bind("sid", s.sessionId()).bind("uid", s.userId()).bind("hash", tokenHash)
                .bind("device", s.deviceName()).bind("created", s.createdMs()).bind("expires", s.expiresMs())
                .execute());
    }

    @Override
    public Optional<SessionRecord> findSessionByTokenHash(String tokenHash, long nowMs) {
        return jdbi.withHandle(h -> h.createQuery("SELECT session_id, user_id, device_name, created_ms, expires_ms "
                        + "FROM user_sessions WHERE token_hash = :hash AND expires_ms > :now")
                .bind("hash", tokenHash).bind("now", nowMs).map(SESSION).findOne());
    }

    @Override
    public void deleteSession(String sessionId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM user_sessions WHERE session_id = :sid")
                .bind("sid", sessionId).execute());
    }

    @Override
    public boolean isKnownLoginAddress(long userId, String address) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM login_addresses WHERE user_id = :u AND address = :a")
                .bind("u", userId).bind("a", address).mapTo(Integer.class).one() > 0);
    }

    @Override
    public void rememberLoginAddress(long userId, String address, long nowMs) {
        jdbi.useHandle(h -> {
            int updated = h.createUpdate("UPDATE login_addresses SET last_login_ms = :t WHERE user_id = :u AND address = :a")
                    .bind("t", nowMs).bind("u", userId).bind("a", address).execute();
            if (updated == 0) {
                try {
                    h.createUpdate("INSERT INTO login_addresses (user_id, address, last_login_ms) VALUES (:u, :a, :t)")
                            .bind("u", userId).bind("a", address).bind("t", nowMs).execute();
                } catch (RuntimeException e) {
                    if (!Sql.isUniqueViolation(e)) throw e; // a parallel login remembered it first
                }
            }
            Optional<Long> oldestKept = h.createQuery("SELECT last_login_ms FROM login_addresses WHERE user_id = :u "
                            + "ORDER BY last_login_ms DESC LIMIT 1 OFFSET " + (MAX_KNOWN_ADDRESSES - 1))
                    .bind("u", userId).mapTo(Long.class).findOne();
            oldestKept.ifPresent(t -> h.createUpdate("DELETE FROM login_addresses WHERE user_id = :u AND last_login_ms < :t")
                    .bind("u", userId).bind("t", t).execute());
        });
    }
}
