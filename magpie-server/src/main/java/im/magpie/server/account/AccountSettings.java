package im.magpie.server.account;

import im.magpie.server.config.Setting;

/** Settings of accounts, login and password hashing. */
public final class AccountSettings {
    private AccountSettings() {}

    public static final Setting<Integer> TOKEN_TTL_DAYS = Setting.integer("token-ttl-days", 30, 1, 3650,
            "how long a resume token stays valid");
    public static final Setting<Integer> LOGIN_FAILURES_PER_ACCOUNT_ADDRESS = Setting.integer(
            "login-failures-per-account-address", 5, 1, 1000,
            "wrong passwords for one account from one address before each further guess waits a doubling delay");
    public static final Setting<Integer> LOGIN_FIRST_DELAY_SECONDS = Setting.integer("login-first-delay-seconds", 30, 1, 86_400,
            "the first such delay; each further wrong password doubles it, up to the throttle window");
    public static final Setting<Integer> LOGIN_FAILURES_PER_ACCOUNT = Setting.integer("login-failures-per-account", 50, 1, 100_000,
            "wrong passwords for one account from all addresses within the window before it refuses password "
                    + "guesses from addresses it has never logged in from");
    public static final Setting<Integer> LOGIN_FAILURES_PER_ADDRESS = Setting.integer("login-failures-per-address", 100, 1, 1_000_000,
            "wrong passwords from one address within the window before it is refused for accounts that "
                    + "have never logged in from it");
    public static final Setting<Integer> LOGIN_THROTTLE_MINUTES = Setting.integer("login-throttle-minutes", 15, 1, 1440,
            "the login throttle window: how long failures are remembered, and the longest delay");
    public static final Setting<Integer> REGISTRATIONS_PER_ADDRESS = Setting.integer("registrations-per-address", 20, 1, 1_000_000,
            "registrations from one address per hour");
    public static final Setting<Integer> ARGON2_MEMORY_KIB = Setting.integer("argon2-memory-kib", 19456, 64, 1_048_576,
            "Argon2id memory cost per password hash (KiB)");
    public static final Setting<Integer> ARGON2_ITERATIONS = Setting.integer("argon2-iterations", 2, 1, 100,
            "Argon2id time cost");
    public static final Setting<Integer> HASHING_THREADS = Setting.integer("hashing-threads", 2, 1, 64,
            "threads that hash passwords (kept apart so logins cannot starve other work)");
    public static final Setting<Integer> HASHING_QUEUE = Setting.integer("hashing-queue", 64, 1, 100_000,
            "password requests waiting for a hashing thread; when full, more are answered UNAVAILABLE at once");
    public static final Setting<Integer> HASHING_PER_CONNECTION = Setting.integer("hashing-per-connection", 1, 1, 100,
            "password requests (login, register, change password) one connection may have in flight");
    public static final Setting<Integer> HASHING_PER_ACCOUNT = Setting.integer("hashing-per-account", 2, 1, 100,
            "password requests for one account in flight, over all connections");
}
