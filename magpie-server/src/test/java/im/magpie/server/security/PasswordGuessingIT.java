package im.magpie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ChangePasswordRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.LoginRequest;
import im.magpie.server.account.AccountSettings;
import im.magpie.testkit.ManualClock;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, items 1 and 6: password guessing is throttled by (account, address) with growing
 * delays, on login and on password change alike, and nobody can lock anybody else out: neither an
 * account's owner (from an address they have logged in from) nor the known users behind a shared
 * address. Clients play different addresses from 127.0.0.0/8.
 */
class PasswordGuessingIT {
    private static final String OWNER = "127.0.0.1";
    private static final String ATTACKER = "127.0.0.66";

    private static Frame changePassword(RawClient c, String oldPassword, String newPassword) {
        return c.request(Frame.newBuilder().setChangePassword(ChangePasswordRequest.newBuilder()
                .setOldPassword(oldPassword).setNewPassword(newPassword)));
    }

    private static ErrorCode code(Frame f) {
        return f.hasError() ? f.getError().getCode() : ErrorCode.ERROR_CODE_UNSPECIFIED;
    }

    @Test
    void wrong_old_passwords_on_a_password_change_are_throttled_like_logins() {
        try (TestServer server = TestServer.start();
             RawClient thief = RawClient.registered(server, "victim")) { // as if with a stolen resume token
            int unauthenticated = 0;
            int limited = 0;
            for (int i = 0; i < 40; i++) {
                Frame f = changePassword(thief, "guess-" + i, "new-password-1");
                if (code(f) == ErrorCode.UNAUTHENTICATED) unauthenticated++;
                if (code(f) == ErrorCode.RATE_LIMITED) {
                    limited++;
                    assertThat(f.getError().getRetryAfterSeconds()).isPositive();
                }
            }
            assertThat(unauthenticated).isEqualTo(5);
            assertThat(limited).isEqualTo(35);
            // and the right password, while throttled, is not even checked
            assertThat(code(changePassword(thief, "password-123", "new-password-1"))).isEqualTo(ErrorCode.RATE_LIMITED);
        }
    }

    @Test
    void parallel_guesses_from_many_connections_let_exactly_the_limit_through() throws Exception {
        int guesses = 12;
        try (TestServer server = TestServer.builder().set(AccountSettings.HASHING_THREADS, 4)
                .set(AccountSettings.HASHING_PER_ACCOUNT, 100).start()) {
            RawClient.registered(server, "gina").close();
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < guesses; i++) clients.add(RawClient.connectFrom(server, ATTACKER));
                for (RawClient c : clients) {
                    c.send(Frame.newBuilder().setId(1).setLogin(LoginRequest.newBuilder()
                            .setUsername("gina").setPassword("wrong-password").setDeviceName("x")).build());
                }
                Map<ErrorCode, Integer> answers = new EnumMap<>(ErrorCode.class);
                for (RawClient c : clients) answers.merge(code(c.awaitResponse(1, Duration.ofSeconds(10))), 1, Integer::sum);
                assertThat(answers).containsEntry(ErrorCode.UNAUTHENTICATED, 5).containsEntry(ErrorCode.RATE_LIMITED, guesses - 5);
            } finally {
                clients.forEach(RawClient::close);
            }
        }
    }

    @Test
    void an_attacker_address_waits_growing_delays_while_the_owner_logs_in_from_home() {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.builder().clock(clock).start()) {
            try (RawClient owner = RawClient.connectFrom(server, OWNER)) {
                owner.register("bob", "password-1", "Bob");
            }
            try (RawClient attacker = RawClient.connectFrom(server, ATTACKER)) {
                for (int i = 0; i < 5; i++) assertThat(code(attacker.login("bob", "guess-" + i))).isEqualTo(ErrorCode.UNAUTHENTICATED);
                Frame first = attacker.login("bob", "guess-5");
                assertThat(code(first)).isEqualTo(ErrorCode.RATE_LIMITED);
                int firstDelay = first.getError().getRetryAfterSeconds();
                assertThat(firstDelay).isBetween(1, 30);

                clock.advance(Duration.ofSeconds(firstDelay));
                assertThat(code(attacker.login("bob", "guess-6"))).isEqualTo(ErrorCode.UNAUTHENTICATED);
                Frame second = attacker.login("bob", "guess-7");
                assertThat(code(second)).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(second.getError().getRetryAfterSeconds()).isGreaterThan(firstDelay);
            }
            // bob himself, from his own address, is not locked out
            try (RawClient owner = RawClient.connectFrom(server, OWNER)) {
                assertThat(owner.login("bob", "password-1").hasLoginOk()).isTrue();
            }
        }
    }

    @Test
    void distributed_guessing_closes_the_account_to_new_addresses_but_not_to_the_owners() {
        try (TestServer server = TestServer.builder().set(AccountSettings.LOGIN_FAILURES_PER_ACCOUNT, 10).start()) {
            try (RawClient owner = RawClient.connectFrom(server, OWNER)) {
                owner.register("carol", "password-1", "Carol");
            }
            for (int i = 0; i < 10; i++) { // two guesses each from five addresses: no single address is throttled
                try (RawClient bot = RawClient.connectFrom(server, "127.0.1." + (i / 2 + 1))) {
                    assertThat(code(bot.login("carol", "guess-" + i))).isEqualTo(ErrorCode.UNAUTHENTICATED);
                }
            }
            try (RawClient newcomer = RawClient.connectFrom(server, "127.0.2.1")) {
                assertThat(code(newcomer.login("carol", "password-1"))).isEqualTo(ErrorCode.RATE_LIMITED);
            }
            try (RawClient owner = RawClient.connectFrom(server, OWNER)) {
                assertThat(owner.login("carol", "password-1").hasLoginOk()).isTrue();
            }
        }
    }

    @Test
    void a_sprayer_behind_a_shared_address_does_not_lock_out_the_known_users_of_that_address() {
        String school = "127.0.3.1";
        try (TestServer server = TestServer.builder().set(AccountSettings.LOGIN_FAILURES_PER_ADDRESS, 10).start()) {
            try (RawClient pupil = RawClient.connectFrom(server, school)) {
                pupil.register("dora", "password-1", "Dora");
            }
            try (RawClient elsewhere = RawClient.connectFrom(server, "127.0.3.2")) {
                elsewhere.register("emil", "password-1", "Emil");
            }
            try (RawClient sprayer = RawClient.connectFrom(server, school)) {
                for (int i = 0; i < 10; i++) {
                    assertThat(code(sprayer.login("user" + i, "password-1"))).isEqualTo(ErrorCode.UNAUTHENTICATED);
                }
                assertThat(code(sprayer.login("user99", "password-1"))).isEqualTo(ErrorCode.RATE_LIMITED);
            }
            try (RawClient pupil = RawClient.connectFrom(server, school)) {
                assertThat(pupil.login("dora", "password-1").hasLoginOk()).isTrue();
            }
            try (RawClient visitor = RawClient.connectFrom(server, school)) { // never logged in from here
                assertThat(code(visitor.login("emil", "password-1"))).isEqualTo(ErrorCode.RATE_LIMITED);
            }
        }
    }
}
