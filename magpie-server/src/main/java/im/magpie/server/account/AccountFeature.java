package im.magpie.server.account;

import im.magpie.server.ServerContext;
import im.magpie.server.config.Settings;
import java.time.Duration;

/** Assembles the account feature: store, hashing, throttling, service and wire handlers. */
public record AccountFeature(AccountService service, AccountStore store, AccountHandlers handlers) {

    public static AccountFeature install(ServerContext ctx) {
        Settings s = ctx.settings();
        AccountStore store = new JdbcAccountStore(ctx.database().jdbi());
        PasswordHasher hasher = new PasswordHasher(s.get(AccountSettings.ARGON2_MEMORY_KIB), s.get(AccountSettings.ARGON2_ITERATIONS));
        LoginThrottle throttle = new LoginThrottle(ctx.clock(), new LoginThrottle.Policy(
                s.get(AccountSettings.LOGIN_FAILURES_PER_ACCOUNT_ADDRESS),
                Duration.ofSeconds(s.get(AccountSettings.LOGIN_FIRST_DELAY_SECONDS)),
                s.get(AccountSettings.LOGIN_FAILURES_PER_ACCOUNT), s.get(AccountSettings.LOGIN_FAILURES_PER_ADDRESS),
                Duration.ofMinutes(s.get(AccountSettings.LOGIN_THROTTLE_MINUTES)),
                s.get(AccountSettings.REGISTRATIONS_PER_ADDRESS)));
        AccountService service = new AccountService(store, hasher, throttle, ctx.ids(), ctx.clock(),
                Duration.ofDays(s.get(AccountSettings.TOKEN_TTL_DAYS)));
        HashingGate gate = new HashingGate(ctx.hashing(), s.get(AccountSettings.HASHING_PER_CONNECTION),
                s.get(AccountSettings.HASHING_PER_ACCOUNT));
        AccountHandlers handlers = new AccountHandlers(service, ctx.sessions(), gate);
        handlers.register(ctx.routes());
        return new AccountFeature(service, store, handlers);
    }
}
