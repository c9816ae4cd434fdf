package im.magpie.server.account;

import java.util.Optional;

/** Storage of accounts and their sessions. Blocking; call from worker threads. */
public interface AccountStore {

    /** Inserts a new account; throws {@link im.magpie.server.dispatch.MagpieException} CONFLICT if the username is taken. */
    void insertUser(User user, String passwordHash);

    Optional<User> findUser(long userId);

    Optional<User> findByUsername(String canonicalUsername);

    /** The stored password hash, for a login attempt. */
    Optional<String> passwordHash(long userId);

    /** Replaces the password hash and revokes every session of the user but {@code keepSessionId}. */
    void changePassword(long userId, String passwordHash, String keepSessionId);

    void insertSession(SessionRecord session, String tokenHash);

    /** The session for a token hash, if it exists and has not expired at {@code nowMs}. */
    Optional<SessionRecord> findSessionByTokenHash(String tokenHash, long nowMs);

    void deleteSession(String sessionId);

    /** True if the user has logged in with their password from this address (key) before. */
    boolean isKnownLoginAddress(long userId, String address);

    /** Remembers a password login from this address (key); keeps the user's most recent 50. */
    void rememberLoginAddress(long userId, String address, long nowMs);
}
