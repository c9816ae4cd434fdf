package im.magpie.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.RegisterRequest;
import im.magpie.testkit.ManualClock;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginRulesIT {

    private static Frame register(RawClient c, String username, String password, String nickname) {
        return c.request(Frame.newBuilder().setRegister(RegisterRequest.newBuilder()
                .setUsername(username).setPassword(password).setNickname(nickname)));
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_answer() {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.connect(server)) {
            c.register("dave", "password-1", "Dave");
            try (RawClient d = RawClient.connect(server)) {
                Frame wrong = d.login("dave", "password-X");
                Frame unknown = d.login("nobody", "password-1");
                assertThat(wrong.getError().getCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
                assertThat(unknown.getError()).isEqualTo(wrong.getError());
            }
        }
    }

    @Test
    void five_failures_lock_the_account_with_a_retry_after_until_the_window_passes() {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.builder().clock(clock).start(); RawClient c = RawClient.connect(server)) {
            c.register("erin", "password-1", "Erin");
            try (RawClient d = RawClient.connect(server)) {
                for (int i = 0; i < 5; i++) {
                    assertThat(d.login("erin", "bad-password").getError().getCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
                }
                Frame limited = d.login("erin", "password-1");
                assertThat(limited.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(limited.getError().getRetryAfterSeconds()).isBetween(1, 15 * 60);
                clock.advance(Duration.ofMinutes(15).plusSeconds(1));
                assertThat(d.login("erin", "password-1").hasLoginOk()).isTrue();
            }
        }
    }

    @Test
    void registration_is_throttled_per_address() {
        try (TestServer server = TestServer.builder().set(AccountSettings.REGISTRATIONS_PER_ADDRESS, 2).start()) {
            for (int i = 0; i < 2; i++) {
                try (RawClient c = RawClient.connect(server)) {
                    c.register("user" + i, "password-1", "U");
                }
            }
            try (RawClient c = RawClient.connect(server)) {
                assertThat(register(c, "user9", "password-1", "U").getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
            }
        }
    }

    @Test
    void bad_usernames_nicknames_and_passwords_are_refused_and_nothing_is_created() {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.connect(server)) {
            assertThat(register(c, "ab", "password-1", "x").getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "a".repeat(33), "password-1", "x").getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "bad name", "password-1", "x").getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "中文名字", "password-1", "x").getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "grace", "short", "Grace").getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "grace", "p".repeat(129), "Grace").getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "grace", "password-1", "").getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "grace", "password-1", "   ").getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "grace", "password-1", "n".repeat(33)).getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "grace", "password-1", "bell\u0007").getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(c.login("grace", "password-1").getError().getCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            // and the valid edge: a 32-character Chinese nickname
            assertThat(register(c, "grace", "password-1", "喜".repeat(32)).hasLoginOk()).isTrue();
        }
    }

    @Test
    void errors_come_in_the_language_of_the_hello() {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.open(server)) {
            c.request(Frame.newBuilder().setHello(im.magpie.protocol.proto.Hello.newBuilder().setMajor(1).setLocale("zh-CN")));
            assertThat(c.login("nobody", "password-1").getError().getMessage()).isEqualTo("用户名或密码错误。");
        }
    }
}
