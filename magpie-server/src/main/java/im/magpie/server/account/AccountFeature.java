package im.magpie.server.account;

import im.magpie.server.ServerContext;
import im.magpie.server.config.Settings;
import java.time.Duration;

/** Assembles the account feature: store, hashing, throttling, service and wire handlers. */
public record AccountFeature(AccountService service, AccountStore store, AccountHandlers handlers) {

    /** One node: the login throttle's counters in memory. */
    public static AccountFeature install(ServerContext ctx) {
        return install(ctx, new LocalThrottleCounters(LoginThrottle.Policy.from(ctx.settings())));
    }

    /** @param throttleCounters where password guesses are counted (Redis on a cluster: see ClusterWiring) */
    public static AccountFeature install(ServerContext ctx, ThrottleCounters throttleCounters) {
        Settings s = ctx.settings();
        AccountStore store = new JdbcAccountStore(ctx.database().jdbi());
        PasswordHasher hasher = new PasswordHasher(s.get(AccountSettings.ARGON2_MEMORY_KIB), s.get(AccountSettings.ARGON2_ITERATIONS));
        LoginThrottle throttle = new LoginThrottle(ctx.clock(), LoginThrottle.Policy.from(s), throttleCounters);
        AccountService service = new AccountService(store, hasher, throttle, ctx.ids(), ctx.clock(),
                Duration.ofDays(s.get(AccountSettings.TOKEN_TTL_DAYS)));
        HashingGate gate = new HashingGate(ctx.hashing(), s.get(AccountSettings.HASHING_PER_CONNECTION),
                s.get(AccountSettings.HASHING_PER_ACCOUNT));
        AccountHandlers handlers = new AccountHandlers(service, ctx.sessions(), gate);
        handlers.register(ctx.routes());
        return new AccountFeature(service, store, handlers);
    }
}
