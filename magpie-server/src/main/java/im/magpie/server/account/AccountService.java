package im.magpie.server.account;

import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.logging.LogText;
import im.magpie.server.store.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts: register, log in with a password or a resume token, log out, change password.
 * Blocking (database and password hashing); call from worker threads. Never logs a password or a
 * token. Wrong password and unknown user get the same answer.
 */
public final class AccountService {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration tokenTtl;
    /** Verified against when the user does not exist, so both answers take the same time. */
    private final String decoyHash;
    private final java.util.List<RegistrationListener> registrationListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public AccountService(AccountStore store, PasswordHasher hasher, LoginThrottle throttle, IdGenerator ids,
                          Clock clock, Duration tokenTtl) {
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
        this.ids = ids;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.decoyHash = hasher.hash(UUID.randomUUID().toString());
    }

    public void addRegistrationListener(RegistrationListener listener) {
        registrationListeners.add(listener);
    }

    public LoginResult register(String rawUsername, String password, String rawNickname, String rawDevice, String address) {
        String username = Credentials.username(rawUsername);
        String nickname = Credentials.nickname(rawNickname);
        Credentials.password(password);
        String device = Credentials.deviceName(rawDevice);
        throttle.checkAndCountRegistration(address);
        if (store.findByUsername(username).isPresent()) {
            throw MagpieException.conflict("account.username.taken", username);
        }
        User user = new User(ids.next(), username, nickname, "", "", clock.millis());
        store.insertUser(user, hasher.hash(password));
        store.rememberLoginAddress(user.userId(), LoginThrottle.addressKey(address), clock.millis());
        log.info("registered user={} from {}", LogText.escape(username), LogText.escape(address));
        for (RegistrationListener listener : registrationListeners) {
            try {
                listener.registered(user);
            } catch (RuntimeException e) {
                log.warn("registration listener failed for user={}", LogText.escape(username), e);
            }
        }
        return newSession(user, device);
    }

    public LoginResult login(String rawUsername, String password, String rawDevice, String address) {
        Optional<String> username = Credentials.loginName(rawUsername);
        String device = Credentials.deviceName(rawDevice);
        if (password == null || password.length() > 4 * im.magpie.protocol.Limits.PASSWORD_MAX_CHARS) {
            throw MagpieException.unauthenticated("account.login.failed");
        }
        // A name no account can have is still throttled and hashed, so it answers like a wrong password.
        String throttleKey = username.orElse("\u0000invalid");
        Optional<User> user = username.flatMap(store::findByUsername);
        boolean known = user.isPresent() && store.isKnownLoginAddress(user.get().userId(), LoginThrottle.addressKey(address));
        LoginThrottle.Attempt attempt = throttle.begin(throttleKey, address, known);
        boolean ok;
        try {
            String hash = user.flatMap(u -> store.passwordHash(u.userId())).orElse(decoyHash);
            ok = hasher.verify(password, hash) && user.isPresent();
        } catch (RuntimeException e) {
            attempt.abandoned(); // our failure (e.g. the database), not a wrong guess
            throw e;
        }
        attempt.ended(ok);
        if (!ok) {
            log.info("login failed user={} from {}", LogText.escape(rawUsername), LogText.escape(address));
            throw MagpieException.unauthenticated("account.login.failed");
        }
        store.rememberLoginAddress(user.get().userId(), LoginThrottle.addressKey(address), clock.millis());
        return newSession(user.get(), device);
    }

    public LoginResult resume(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            throw MagpieException.unauthenticated("account.resume.invalid");
        }
        SessionRecord session = store.findSessionByTokenHash(ResumeTokens.hash(token), clock.millis())
                .orElseThrow(() -> MagpieException.unauthenticated("account.resume.invalid"));
        User user = store.findUser(session.userId())
                .orElseThrow(() -> MagpieException.unauthenticated("account.resume.invalid"));
        return new LoginResult(user, session, token);
    }

    public void logout(String sessionId) {
        store.deleteSession(sessionId);
    }

    /**
     * Changes the password if {@code oldPassword} is right. Wrong guesses are throttled exactly like
     * logins (same counters, keyed by the account and the caller's address), so a stolen resume
     * token does not buy unlimited guesses; a resume token never makes an address "known".
     */
    public void changePassword(long userId, String sessionId, String oldPassword, String newPassword, String address) {
        Credentials.password(newPassword);
        User user = user(userId);
        String hash = store.passwordHash(userId).orElseThrow(() -> MagpieException.notFound("account.user.not_found"));
        boolean known = store.isKnownLoginAddress(userId, LoginThrottle.addressKey(address));
        LoginThrottle.Attempt attempt = throttle.begin(user.username(), address, known);
        boolean ok;
        try {
            ok = oldPassword != null && hasher.verify(oldPassword, hash);
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        attempt.ended(ok);
        if (!ok) {
            log.info("password change refused (wrong password) user={} from {}", LogText.escape(user.username()),
                    LogText.escape(address));
            throw MagpieException.unauthenticated("account.password.wrong");
        }
        store.changePassword(userId, hasher.hash(newPassword), sessionId);
    }

    public User user(long userId) {
        return store.findUser(userId).orElseThrow(() -> MagpieException.notFound("account.user.not_found"));
    }

    private LoginResult newSession(User user, String device) {
        String token = ResumeTokens.newToken();
        long now = clock.millis();
        SessionRecord session = new SessionRecord(UUID.randomUUID().toString(), user.userId(), device, now,
                now + tokenTtl.toMillis());
        store.insertSession(session, ResumeTokens.hash(token));
        return new LoginResult(user, session, token);
    }
}
