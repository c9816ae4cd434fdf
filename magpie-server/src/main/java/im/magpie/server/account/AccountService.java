package im.magpie.server.account;

import im.magpie.server.dispatch.MagpieException;
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
        log.info("registered user={} from {}", username, address);
        for (RegistrationListener listener : registrationListeners) {
            try {
                listener.registered(user);
            } catch (RuntimeException e) {
                log.warn("registration listener failed for user={}", username, e);
            }
        }
        return newSession(user, device);
    }

    public LoginResult login(String rawUsername, String password, String rawDevice, String address) {
        String username = rawUsername == null ? "" : rawUsername.trim().toLowerCase(java.util.Locale.ROOT);
        String device = Credentials.deviceName(rawDevice);
        if (password == null || password.length() > 4 * im.magpie.protocol.Limits.PASSWORD_MAX_CHARS) {
            throw MagpieException.unauthenticated("account.login.failed");
        }
        throttle.checkLogin(username, address);
        Optional<User> user = store.findByUsername(username);
        String hash = user.flatMap(u -> store.passwordHash(u.userId())).orElse(decoyHash);
        boolean ok = hasher.verify(password, hash) && user.isPresent();
        if (!ok) {
            throttle.loginFailed(username, address);
            log.info("login failed user={} from {}", username, address);
            throw MagpieException.unauthenticated("account.login.failed");
        }
        throttle.loginSucceeded(username);
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

    public void changePassword(long userId, String sessionId, String oldPassword, String newPassword) {
        Credentials.password(newPassword);
        String hash = store.passwordHash(userId).orElseThrow(() -> MagpieException.notFound("account.user.not_found"));
        if (oldPassword == null || !hasher.verify(oldPassword, hash)) {
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
