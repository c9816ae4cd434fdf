package im.magpie.server.account;

import im.magpie.server.config.Setting;

/** Settings of accounts, login and password hashing. */
public final class AccountSettings {
    private AccountSettings() {}

    public static final Setting<Integer> TOKEN_TTL_DAYS = Setting.integer("token-ttl-days", 30, 1, 3650,
            "how long a resume token stays valid");
    public static final Setting<Integer> LOGIN_FAILURES_PER_ACCOUNT = Setting.integer("login-failures-per-account", 5, 1, 1000,
            "failed logins for one account within the throttle window before it is rate limited");
    public static final Setting<Integer> LOGIN_FAILURES_PER_ADDRESS = Setting.integer("login-failures-per-address", 30, 1, 100_000,
            "failed logins from one address within the throttle window before it is rate limited");
    public static final Setting<Integer> LOGIN_THROTTLE_MINUTES = Setting.integer("login-throttle-minutes", 15, 1, 1440,
            "the login throttle window");
    public static final Setting<Integer> REGISTRATIONS_PER_ADDRESS = Setting.integer("registrations-per-address", 20, 1, 1_000_000,
            "registrations from one address per hour");
    public static final Setting<Integer> ARGON2_MEMORY_KIB = Setting.integer("argon2-memory-kib", 19456, 64, 1_048_576,
            "Argon2id memory cost per password hash (KiB)");
    public static final Setting<Integer> ARGON2_ITERATIONS = Setting.integer("argon2-iterations", 2, 1, 100,
            "Argon2id time cost");
    public static final Setting<Integer> HASHING_THREADS = Setting.integer("hashing-threads", 2, 1, 64,
            "threads that hash passwords (kept apart so logins cannot starve other work)");
}
