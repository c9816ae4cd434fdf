package im.magpie.server.account;

import im.magpie.server.dispatch.MagpieException;
import java.time.Clock;
import java.time.Duration;

/**
 * Slows down password guessing and mass registration. Failed logins are counted per account and per
 * address; past either limit, attempts are refused with RATE_LIMITED and a retry-after, before the
 * password is even checked (so guessing costs the attacker time, not us CPU). In memory, per node.
 */
public final class LoginThrottle {
    private static final int MAX_TRACKED_KEYS = 200_000;

    private final SlidingWindowLimiter accountFailures;
    private final SlidingWindowLimiter addressFailures;
    private final SlidingWindowLimiter registrations;

    public LoginThrottle(Clock clock, int failuresPerAccount, int failuresPerAddress, Duration window,
                         int registrationsPerAddressPerHour) {
        this.accountFailures = new SlidingWindowLimiter(clock, failuresPerAccount, window, MAX_TRACKED_KEYS);
        this.addressFailures = new SlidingWindowLimiter(clock, failuresPerAddress, window, MAX_TRACKED_KEYS);
        this.registrations = new SlidingWindowLimiter(clock, registrationsPerAddressPerHour, Duration.ofHours(1),
                MAX_TRACKED_KEYS);
    }

    public void checkLogin(String username, String address) {
        long wait = Math.max(accountFailures.retryAfterSeconds(username), addressFailures.retryAfterSeconds(address));
        if (wait > 0) throw MagpieException.rateLimited((int) Math.min(wait, Integer.MAX_VALUE), "account.login.throttled", wait);
    }

    public void loginFailed(String username, String address) {
        accountFailures.record(username);
        addressFailures.record(address);
    }

    public void loginSucceeded(String username) {
        accountFailures.reset(username);
    }

    public void checkAndCountRegistration(String address) {
        long wait = registrations.retryAfterSeconds(address);
        if (wait > 0) throw MagpieException.rateLimited((int) Math.min(wait, Integer.MAX_VALUE), "account.register.throttled", wait);
        registrations.record(address);
    }
}
