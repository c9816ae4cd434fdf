package im.magpie.server.account;

import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.logging.LogText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
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
 * <p>Counting is atomic: {@link #begin} reserves the attempt before the (slow) password check,
 * and a reservation counts against the limits until it ends, so parallel attempts cannot slip more
 * guesses through than the limit. Refusals come before any hashing, so guessing costs the attacker
 * time, not us CPU. IPv6 addresses count by their /64 network (one host usually holds a whole /64).
 * The counters are kept by a {@link ThrottleCounters}: in memory on one node, in Redis on a
 * cluster (every node sees the same guesses).
 */
public final class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    static final int MAX_TRACKED_KEYS = LocalThrottleCounters.MAX_TRACKED_KEYS;

    /**
     * @param pairFailures    failures of one account from one address before delays begin
     * @param firstDelay      the first delay; each further failure doubles it, up to the window
     * @param accountFailures failures of one account from all addresses before unknown addresses are refused
     * @param addressFailures failures from one address before it is refused for accounts it does not know
     * @param window          how long a failure is remembered (after the last one)
     */
    public record Policy(int pairFailures, Duration firstDelay, int accountFailures, int addressFailures,
                         Duration window, int registrationsPerAddressPerHour) {

        /** The policy the account settings describe. */
        public static Policy from(im.magpie.server.config.Settings s) {
            return new Policy(s.get(AccountSettings.LOGIN_FAILURES_PER_ACCOUNT_ADDRESS),
                    Duration.ofSeconds(s.get(AccountSettings.LOGIN_FIRST_DELAY_SECONDS)),
                    s.get(AccountSettings.LOGIN_FAILURES_PER_ACCOUNT), s.get(AccountSettings.LOGIN_FAILURES_PER_ADDRESS),
                    Duration.ofMinutes(s.get(AccountSettings.LOGIN_THROTTLE_MINUTES)),
                    s.get(AccountSettings.REGISTRATIONS_PER_ADDRESS));
        }
    }

    private final Clock clock;
    private final Policy policy;
    private final ThrottleCounters counters;
    private final SlidingWindowLimiter registrations;

    /** Counters in this node's memory. */
    public LoginThrottle(Clock clock, Policy policy) {
        this(clock, policy, new LocalThrottleCounters(policy));
    }

    public LoginThrottle(Clock clock, Policy policy, ThrottleCounters counters) {
        this.clock = clock;
        this.policy = policy;
        this.counters = counters;
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
        ThrottleCounters.Keys keys = new ThrottleCounters.Keys(account + '\u0000' + net, account, net);
        ThrottleCounters.Reservation r = counters.reserve(keys, knownAddress, clock.millis());
        if (r.waitMs() > 0) {
            long seconds = Math.max(1, (r.waitMs() + 999) / 1000);
            throw MagpieException.rateLimited((int) Math.min(seconds, Integer.MAX_VALUE), "account.login.throttled", seconds);
        }
        return new Attempt(keys, r.by());
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
        private final ThrottleCounters.Keys keys;
        private final ThrottleCounters by;
        private boolean ended;

        private Attempt(ThrottleCounters.Keys keys, ThrottleCounters by) {
            this.keys = keys;
            this.by = by;
        }

        /** The password check's result: right forgives the (account, address) failures, wrong counts one. */
        public void ended(boolean passwordRight) {
            end(passwordRight ? ThrottleCounters.Outcome.RIGHT : ThrottleCounters.Outcome.WRONG);
        }

        /** The password was wrong: counts a failure (and may start or grow a delay). */
        public void failed() {
            end(ThrottleCounters.Outcome.WRONG);
        }

        /** The password was right: the (account, address) failures are forgiven. */
        public void succeeded() {
            end(ThrottleCounters.Outcome.RIGHT);
        }

        /** The check could not be made (e.g. the database failed): the reservation ends uncounted. */
        public void abandoned() {
            end(ThrottleCounters.Outcome.NONE);
        }

        private void end(ThrottleCounters.Outcome outcome) {
            if (ended) return;
            ended = true;
            String reached = by.release(keys, outcome, clock.millis());
            if (reached != null) {
                log.info("login throttle: the {} limit is reached (user={} address={})", reached,
                        LogText.escape(keys.account()), LogText.escape(keys.address()));
            }
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
