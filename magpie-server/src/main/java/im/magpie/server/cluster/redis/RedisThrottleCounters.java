package im.magpie.server.cluster.redis;

import im.magpie.server.account.LocalThrottleCounters;
import im.magpie.server.account.LoginThrottle;
import im.magpie.server.account.ThrottleCounters;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login throttle's counters in Redis, so a guesser spread over the nodes of a cluster meets one
 * limit, not one per node. Each reservation and each release is one Lua script over the three
 * counters' hashes (atomic in Redis, as the in-memory counters are under their lock), with the same
 * rules as {@link LocalThrottleCounters}. A guess still in flight after {@value #STALE_IN_FLIGHT_MS}
 * ms is taken for one whose node died mid-check and no longer counts.
 *
 * <p>While Redis is unreachable the node counts in its own memory (the limits are then per node
 * again, as on one node); a reservation is always released where it was made.
 */
public final class RedisThrottleCounters implements ThrottleCounters {
    private static final Logger log = LoggerFactory.getLogger(RedisThrottleCounters.class);
    static final long STALE_IN_FLIGHT_MS = 60_000;

    /** Reads a counter (f failures, i in flight, l last failure, b blocked until, s last reservation). */
    private static final String LOAD = """
            local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
            local function load(k)
              local v = redis.call('HMGET', k, 'f', 'i', 'l', 'b', 's')
              local c = {f = tonumber(v[1]) or 0, i = tonumber(v[2]) or 0, l = tonumber(v[3]) or 0,
                         b = tonumber(v[4]) or 0, s = tonumber(v[5]) or 0}
              if c.i > 0 and now - c.s > %d then c.i = 0 end
              if c.i <= 0 and now >= c.b and now - c.l > window then c.f = 0 end
              return c
            end
            local function save(k, c, ttl)
              redis.call('HSET', k, 'f', c.f, 'i', c.i, 'l', c.l, 'b', c.b, 's', c.s)
              redis.call('PEXPIRE', k, ttl)
            end
            """.formatted(STALE_IN_FLIGHT_MS);

    /** ARGV: now, window, ttl, known (0/1), pair limit, account limit, address limit. Returns the wait in ms, 0 if reserved. */
    private static final String RESERVE = LOAD + """
            local ttl, known = tonumber(ARGV[3]), ARGV[4] == '1'
            local limits = {tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])}
            local cs = {load(KEYS[1]), load(KEYS[2]), load(KEYS[3])}
            local function waitMs(c, limit)
              if now < c.b then return c.b - now end
              if c.f + c.i >= limit and c.i > 0 then return 1000 end
              return 0
            end
            local wait = waitMs(cs[1], limits[1])
            if not known then wait = math.max(wait, waitMs(cs[2], limits[2]), waitMs(cs[3], limits[3])) end
            if wait > 0 then return wait end
            for n = 1, 3 do
              cs[n].i = cs[n].i + 1
              cs[n].s = now
              save(KEYS[n], cs[n], ttl)
            end
            return 0
            """;

    /**
     * ARGV: now, window, ttl, outcome (0 none, 1 right, 2 wrong), pair limit, account limit,
     * address limit, first delay. Returns the counter whose limit this failure reached (1 pair,
     * 2 account, 3 address; the last one wins) or 0.
     */
    private static final String RELEASE = LOAD + """
            local ttl, outcome = tonumber(ARGV[3]), ARGV[4]
            local limits = {tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])}
            local firsts = {tonumber(ARGV[8]), window, window}
            local reached = 0
            for n = 1, 3 do
              local c = load(KEYS[n])
              c.i = math.max(0, c.i - 1)
              if outcome == '2' then
                c.f = c.f + 1
                c.l = now
                if c.f >= limits[n] then
                  c.b = now + math.min(window, firsts[n] * 2 ^ math.min(30, c.f - limits[n]))
                end
                if c.f == limits[n] then reached = n end
              elseif outcome == '1' and n == 1 then
                c.f = 0
                c.b = 0
              end
              save(KEYS[n], c, ttl)
            end
            return reached
            """;

    private static final String[] REACHED = {null, "account+address", "account", "address"};

    private final RedisRouter router;
    private final RedisKeys keys;
    private final LoginThrottle.Policy policy;
    private final LocalThrottleCounters whileAway;

    /** The counters of the cluster {@code router} belongs to, under {@code policy}. */
    public RedisThrottleCounters(RedisRouter router, LoginThrottle.Policy policy) {
        this.router = router;
        this.keys = router.keys();
        this.policy = policy;
        this.whileAway = new LocalThrottleCounters(policy);
    }

    @Override
    public Reservation reserve(Keys k, boolean knownAddress, long nowMs) {
        if (!router.linkUp()) return whileAway.reserve(k, knownAddress, nowMs);
        try {
            Long wait = run(RESERVE, k, nowMs, knownAddress ? "1" : "0", Integer.toString(policy.pairFailures()),
                    Integer.toString(policy.accountFailures()), Integer.toString(policy.addressFailures()));
            return new Reservation(wait, this);
        } catch (RuntimeException e) {
            log.debug("login throttle counted on this node (Redis: {})", e.toString());
            return whileAway.reserve(k, knownAddress, nowMs);
        }
    }

    @Override
    public String release(Keys k, Outcome outcome, long nowMs) {
        try {
            String code = switch (outcome) {
                case NONE -> "0";
                case RIGHT -> "1";
                case WRONG -> "2";
            };
            long reached = run(RELEASE, k, nowMs, code,
                    Integer.toString(policy.pairFailures()), Integer.toString(policy.accountFailures()),
                    Integer.toString(policy.addressFailures()), Long.toString(policy.firstDelay().toMillis()));
            return REACHED[(int) reached];
        } catch (RuntimeException e) {
            // The reservation stays in Redis until it is stale; the guess is not counted.
            log.debug("login throttle release lost (Redis: {})", e.toString());
            return null;
        }
    }

    private Long run(String script, Keys k, long nowMs, String... more) {
        long window = policy.window().toMillis();
        byte[][] counterKeys = {keys.throttle("pair", k.pair()), keys.throttle("account", k.account()),
                keys.throttle("address", k.address())};
        byte[][] args = new byte[3 + more.length][];
        args[0] = bytes(Long.toString(nowMs));
        args[1] = bytes(Long.toString(window));
        args[2] = bytes(Long.toString(2 * window));
        for (int i = 0; i < more.length; i++) args[3 + i] = bytes(more[i]);
        return router.connection().sync().eval(script, ScriptOutputType.INTEGER, counterKeys, args);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
