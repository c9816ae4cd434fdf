package im.magpie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.RegisterRequest;
import im.magpie.protocol.proto.UpdateProfileRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import org.junit.jupiter.api.Test;

/** Issue 16, item 11: invisible and look-alike names, and an unsigned version in the refusal. */
class NamesAndVersionsIT {

    private static Frame register(RawClient c, String username, String nickname) {
        return c.request(Frame.newBuilder().setRegister(RegisterRequest.newBuilder()
                .setUsername(username).setPassword("password-123").setNickname(nickname)));
    }

    private static ErrorCode code(Frame f) {
        return f.hasError() ? f.getError().getCode() : ErrorCode.ERROR_CODE_UNSPECIFIED;
    }

    @Test
    void nicknames_made_only_of_invisible_characters_are_refused() {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.connect(server)) {
            for (String invisible : new String[] {"\u200D", "\u200B\u200C\u200D", "\u2060\uFEFF", "\u3164", "\u115F\u1160",
                    "\u2800", "\u00A0\u3000", "\u0301\u0302", "a\u2028b", "a\u2029b"}) {
                assertThat(code(register(c, "ghost", invisible))).as("nickname %s", invisible.codePoints()
                        .mapToObj(Integer::toHexString).toList()).isEqualTo(ErrorCode.BAD_REQUEST);
            }
            // visible names, including emoji joined with a zero-width joiner, stay welcome
            assertThat(register(c, "ghost", "👩\u200D💻 Ada").hasLoginOk()).isTrue();
            Frame invisibleUpdate = c.request(Frame.newBuilder().setUpdateProfile(UpdateProfileRequest.newBuilder()
                    .setNickname("\u200D\u200D")));
            assertThat(code(invisibleUpdate)).isEqualTo(ErrorCode.BAD_REQUEST);
        }
    }

    @Test
    void a_kelvin_sign_username_is_refused_and_never_logs_into_the_ascii_account() {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.connect(server)) {
            Frame kelvin = register(c, "\u212Aevin", "Kevin");
            assertThat(code(kelvin)).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(register(c, "kevin", "Kevin").hasLoginOk()).isTrue();
            try (RawClient d = RawClient.connect(server)) {
                assertThat(code(d.login("\u212Aevin", "password-123"))).isEqualTo(ErrorCode.UNAUTHENTICATED);
                assertThat(d.login("KEVIN", "password-123").hasLoginOk()).isTrue(); // ASCII case folding stays
            }
        }
    }

    @Test
    void an_unknown_major_version_is_printed_unsigned() {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.open(server)) {
            Frame refused = c.request(Frame.newBuilder().setHello(Hello.newBuilder().setMajor(-1).setMinor(-2).setLocale("en")));
            assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.BAD_VERSION);
            assertThat(refused.getError().getMessage()).contains("4294967295.4294967294").doesNotContain("-1");
        }
    }
}
