package im.magpie.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ChangePasswordRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.LogoutRequest;
import im.magpie.protocol.proto.ResumeRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Accounts over real sockets, on every enabled database backend. */
class AccountIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static Frame whoami(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance()));
    }

    private static Frame resume(RawClient c, String token) {
        return c.request(Frame.newBuilder().setResume(ResumeRequest.newBuilder().setResumeToken(token)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_person_registers_logs_in_resumes_and_logs_out(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start()) {
            LoginOk registered;
            try (RawClient c = RawClient.connect(server)) {
                registered = c.register("Alice", "correct horse", "爱丽丝 🐦");
                assertThat(registered.getSelf().getUsername()).isEqualTo("alice");
                assertThat(registered.getSelf().getNickname()).isEqualTo("爱丽丝 🐦");
                assertThat(registered.getResumeToken()).hasSizeGreaterThan(30);
                assertThat(whoami(c).getProfile().getUserId()).isEqualTo(registered.getSelf().getUserId());
            }
            String token;
            try (RawClient c = RawClient.connect(server)) {
                Frame login = c.login("ALICE", "correct horse");
                assertThat(login.hasLoginOk()).as(login.toString()).isTrue();
                token = login.getLoginOk().getResumeToken();
                assertThat(token).isNotEqualTo(registered.getResumeToken());
            }
            try (RawClient c = RawClient.connect(server)) {
                Frame resumed = resume(c, token);
                assertThat(resumed.getLoginOk().getSelf().getUsername()).isEqualTo("alice");
                assertThat(c.request(Frame.newBuilder().setLogout(LogoutRequest.getDefaultInstance())).hasOk()).isTrue();
            }
            try (RawClient c = RawClient.connect(server)) {
                assertThat(resume(c, token).getError().getCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
                // the other device's token still works
                assertThat(resume(c, registered.getResumeToken()).hasLoginOk()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_taken_username_is_a_conflict_whatever_its_case(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient a = RawClient.connect(server);
             RawClient b = RawClient.connect(server)) {
            a.register("bob", "password-1", "Bob");
            Frame again = b.request(Frame.newBuilder().setRegister(im.magpie.protocol.proto.RegisterRequest.newBuilder()
                    .setUsername("BOB").setPassword("password-2").setNickname("Other Bob")));
            assertThat(again.getError().getCode()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(again.getError().getMessage()).contains("bob");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void changing_the_password_revokes_other_devices_but_keeps_this_one(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient a = RawClient.connect(server);
             RawClient b = RawClient.connect(server)) {
            String first = a.register("carol", "password-1", "Carol").getResumeToken();
            Frame second = b.login("carol", "password-1");
            Frame changed = b.request(Frame.newBuilder().setChangePassword(ChangePasswordRequest.newBuilder()
                    .setOldPassword("password-1").setNewPassword("password-2")));
            assertThat(changed.hasOk()).as(changed.toString()).isTrue();
            try (RawClient c = RawClient.connect(server)) {
                assertThat(resume(c, first).getError().getCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            }
            try (RawClient c = RawClient.connect(server)) {
                assertThat(resume(c, second.getLoginOk().getResumeToken()).hasLoginOk()).isTrue();
            }
            try (RawClient c = RawClient.connect(server)) {
                assertThat(c.login("carol", "password-1").getError().getCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            }
            try (RawClient c = RawClient.connect(server)) {
                assertThat(c.login("carol", "password-2").hasLoginOk()).isTrue();
            }
        }
    }
}
