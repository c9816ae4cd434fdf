package im.magpie.server.account;

import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.logging.LogText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down password guessing (logins and password changes) without letting anyone lock anyone
 * else out, and throttles registrations. Three counters of failed password checks, each over
 * {@link Policy#window()}:
 *
 * <ul>
 *   <li><b>(account, address)</b>: after {@link Policy#pairFailures()} failures, each further guess
 *       from that address waits a delay that doubles (first {@link Policy#firstDelay()}, at most the
 *       window). This is the limit that stops one guesser.</li>
 *   <li><b>account</b>, all addresses: past {@link Policy#accountFailures()} the account is closed to
 *       password guesses for the window, <em>except</em> from addresses it has logged in from with
 *       its password before (so distributed guessing cannot lock the owner out).</li>
 *   <li><b>address</b>, all accounts: past {@link Policy#addressFailures()} the address is refused
 *       for accounts that have <em>not</em> logged in from it before (so a shared NAT, a school,
 *       still lets its known users in while a sprayer behind it is stopped).</li>
 * </ul>
 *
 * <p>Counting is atomic: {@link #begin} reserves the attempt under one lock before the (slow)
 * password check, and a reservation counts against the limits until it ends, so parallel attempts
 * cannot slip more guesses through than the limit. Refusals come before any hashing, so guessing
 * costs the attacker time, not us CPU. IPv6 addresses count by their /64 network (one host usually
 * holds a whole /64). In memory, per node; at most {@value #MAX_TRACKED_KEYS} keys per counter
 * (see {@link #purge}).
 */
public final class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    static final int MAX_TRACKED_KEYS = 200_000;

    /**
     * @param pairFailures    failures of one account from one address before delays begin
     * @param firstDelay      the first delay; each further failure doubles it, up to the window
     * @param accountFailures failures of one account from all addresses before unknown addresses are refused
     * @param addressFailures failures from one address before it is refused for accounts it does not know
     * @param window          how long a failure is remembered (after the last one)
     */
    public record Policy(int pairFailures, Duration firstDelay, int accountFailures, int addressFailures,
                         Duration window, int registrationsPerAddressPerHour) {}

    private final Clock clock;
    private final Policy policy;
    private final Map<String, Counter> pairs = new HashMap<>();
    private final Map<String, Counter> accounts = new HashMap<>();
    private final Map<String, Counter> addresses = new HashMap<>();
    private final SlidingWindowLimiter registrations;

    public LoginThrottle(Clock clock, Policy policy) {
        this.clock = clock;
        this.policy = policy;
        this.registrations = new SlidingWindowLimiter(clock, policy.registrationsPerAddressPerHour(), Duration.ofHours(1),
                MAX_TRACKED_KEYS);
    }

    /**
     * Reserves one password guess for {@code account} from {@code address}, or throws RATE_LIMITED
     * with a retry-after. The caller must end the attempt once: {@link Attempt#ended(boolean)} with
     * the password check's result, or {@link Attempt#abandoned()} if the check itself failed.
     *
     * @param knownAddress true if the account has logged in with its password from this address before
     */
    public Attempt begin(String account, String address, boolean knownAddress) {
        String net = addressKey(address);
        String pairKey = account + '\u0000' + net;
        long now = clock.millis();
        synchronized (this) {
            Counter pair = counter(pairs, pairKey, now);
            Counter acc = knownAddress ? null : counter(accounts, account, now);
            Counter addr = knownAddress ? null : counter(addresses, net, now);
            long waitMs = pair.waitMs(now, policy.pairFailures());
            if (acc != null) waitMs = Math.max(waitMs, acc.waitMs(now, policy.accountFailures()));
            if (addr != null) waitMs = Math.max(waitMs, addr.waitMs(now, policy.addressFailures()));
            if (waitMs > 0) {
                long seconds = Math.max(1, (waitMs + 999) / 1000);
                throw MagpieException.rateLimited((int) Math.min(seconds, Integer.MAX_VALUE), "account.login.throttled", seconds);
            }
            // Every guess counts against all three, known address or not; only the refusals differ.
            Counter accAlways = acc != null ? acc : counter(accounts, account, now);
            Counter addrAlways = addr != null ? addr : counter(addresses, net, now);
            pair.inFlight++;
            accAlways.inFlight++;
            addrAlways.inFlight++;
            return new Attempt(pairKey, account, net);
        }
    }

    /** Counts a registration from {@code address}, or throws RATE_LIMITED if it has had too many. */
    public synchronized void checkAndCountRegistration(String address) {
        String net = addressKey(address);
        long wait = registrations.retryAfterSeconds(net);
        if (wait > 0) throw MagpieException.rateLimited((int) Math.min(wait, Integer.MAX_VALUE), "account.register.throttled", wait);
        registrations.record(net);
    }

    /** One reserved password guess. Not thread-safe; end it once. */
    public final class Attempt {
        private final String pairKey;
        private final String account;
        private final String net;
        private boolean ended;

        private Attempt(String pairKey, String account, String net) {
            this.pairKey = pairKey;
            this.account = account;
            this.net = net;
        }

        /** The password check's result: right forgives the (account, address) failures, wrong counts one. */
        public void ended(boolean passwordRight) {
            end(passwordRight ? Outcome.RIGHT : Outcome.WRONG);
        }

        /** The password was wrong: counts a failure (and may start or grow a delay). */
        public void failed() {
            end(Outcome.WRONG);
        }

        /** The password was right: the (account, address) failures are forgiven. */
        public void succeeded() {
            end(Outcome.RIGHT);
        }

        /** The check could not be made (e.g. the database failed): the reservation ends uncounted. */
        public void abandoned() {
            end(Outcome.NONE);
        }

        private void end(Outcome outcome) {
            if (ended) return;
            ended = true;
            long now = clock.millis();
            String reached = null;
            synchronized (LoginThrottle.this) {
                Counter pair = counter(pairs, pairKey, now);
                Counter acc = counter(accounts, account, now);
                Counter addr = counter(addresses, net, now);
                pair.inFlight--;
                acc.inFlight--;
                addr.inFlight--;
                if (outcome == Outcome.WRONG) {
                    long window = policy.window().toMillis();
                    if (pair.fail(now, policy.pairFailures(), policy.firstDelay().toMillis(), window)) reached = "account+address";
                    if (acc.fail(now, policy.accountFailures(), window, window)) reached = "account";
                    if (addr.fail(now, policy.addressFailures(), window, window)) reached = "address";
                } else if (outcome == Outcome.RIGHT) {
                    pair.failures = 0;
                    pair.blockedUntilMs = 0;
                }
            }
            if (reached != null) {
                log.info("login throttle: the {} limit is reached (user={} address={})", reached,
                        LogText.escape(account), LogText.escape(net));
            }
        }
    }

    private enum Outcome { RIGHT, WRONG, NONE }

    /** Failures of one key: how many (reset when none for a window), reserved guesses, and a block. */
    private static final class Counter {
        int failures;
        int inFlight;
        long lastFailureMs;
        long blockedUntilMs;

        /** Milliseconds until a guess may start; 0 if one may start now. */
        long waitMs(long now, int limit) {
            if (now < blockedUntilMs) return blockedUntilMs - now;
            // At or over the limit, one guess at a time: its result decides the next delay.
            if (failures + inFlight >= limit && inFlight > 0) return 1000;
            return 0;
        }

        /** Counts a failure; true if it is the one that reaches the limit. */
        boolean fail(long now, int limit, long firstDelayMs, long maxDelayMs) {
            failures++;
            lastFailureMs = now;
            if (failures >= limit) {
                int doublings = Math.min(30, failures - limit);
                blockedUntilMs = now + Math.min(maxDelayMs, firstDelayMs << doublings);
            }
            return failures == limit;
        }

        boolean idle(long now, long windowMs) {
            return inFlight == 0 && now >= blockedUntilMs && now - lastFailureMs > windowMs;
        }
    }

    private Counter counter(Map<String, Counter> map, String key, long now) {
        long windowMs = policy.window().toMillis();
        Counter c = map.get(key);
        if (c != null && c.idle(now, windowMs)) c.failures = 0; // forgotten after a quiet window
        if (c == null) {
            if (map.size() >= MAX_TRACKED_KEYS) purge(map, now, windowMs);
            c = new Counter();
            map.put(key, c);
        }
        return c;
    }

    /**
     * Makes room at the key limit: idle keys go first; if the map is still over 90% full (a spray
     * of fresh keys), keys with no guess in flight are dropped until it is not, so the next purge
     * is at least a tenth of the limit away and its cost stays amortised. Dropping a key forgets
     * its failures: the memory bound wins over perfect memory, and it takes many addresses (each
     * limited by its own counter) to fill the map.
     */
    private static void purge(Map<String, Counter> map, long now, long windowMs) {
        for (Iterator<Counter> it = map.values().iterator(); it.hasNext(); ) {
            if (it.next().idle(now, windowMs)) it.remove();
        }
        int target = MAX_TRACKED_KEYS / 10 * 9;
        for (Iterator<Counter> it = map.values().iterator(); it.hasNext() && map.size() > target; ) {
            if (it.next().inFlight == 0) it.remove();
        }
    }

    /** The key an address counts under: itself for IPv4, its /64 network for IPv6. */
    public static String addressKey(String address) {
        if (address == null || address.indexOf(':') < 0) return address == null ? "" : address;
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
            if (bytes.length != 16) return address;
            StringBuilder net = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                net.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
            }
            return net.append(":/64").toString();
        } catch (UnknownHostException | SecurityException e) {
            return address;
        }
    }
}
