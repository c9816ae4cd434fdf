package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.client.MagpieConnectionException;
import im.magpie.client.MagpieClientException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Server addresses, exit-code mapping and languages, without a server. */
class CliPiecesTest {
    @Test
    void host_and_port_are_split_and_the_port_defaults_to_7878() {
        assertThat(ServerAddress.parse("chat.example:9000")).isEqualTo(new ServerAddress("chat.example", 9000));
        assertThat(ServerAddress.parse("chat.example")).isEqualTo(new ServerAddress("chat.example", 7878));
        assertThat(ServerAddress.parse("[::1]:7000")).isEqualTo(new ServerAddress("::1", 7000));
        assertThat(ServerAddress.parse("[::1]").key()).isEqualTo("[::1]:7878");
    }

    @Test
    void malformed_addresses_are_refused() {
        assertThatThrownBy(() -> ServerAddress.parse(":7878")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.parse("host:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.parse("host:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.parse("[::1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_server_error_code_has_an_exit_code_and_network_failures_exit_8() {
        assertThat(ExitCode.of(im.magpie.client.ErrorReason.UNAUTHENTICATED)).isEqualTo(ExitCode.UNAUTHENTICATED);
        assertThat(ExitCode.of(im.magpie.client.ErrorReason.FORBIDDEN).code()).isEqualTo(4);
        assertThat(ExitCode.of(im.magpie.client.ErrorReason.NOT_FOUND).code()).isEqualTo(5);
        assertThat(ExitCode.of(im.magpie.client.ErrorReason.CONFLICT).code()).isEqualTo(6);
        assertThat(ExitCode.of(im.magpie.client.ErrorReason.RATE_LIMITED).code()).isEqualTo(7);
        assertThat(ExitCode.of(im.magpie.client.ErrorReason.BAD_REQUEST).code()).isEqualTo(10);
        assertThat(ExitCode.of(im.magpie.client.ErrorReason.TOO_LARGE).code()).isEqualTo(10);
        assertThat(ExitCode.of(im.magpie.client.ErrorReason.INTERNAL).code()).isEqualTo(1);
        assertThat(ExitCode.of((MagpieClientException) new MagpieConnectionException("down")).code()).isEqualTo(8);
        assertThat(ExitCode.QUEUED.code()).isEqualTo(9);
    }

    @Test
    void magpie_lang_accepts_the_usual_spellings() {
        assertThat(Messages.parse("zh_CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Messages.parse("zh-CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Messages.parse("zh_CN.UTF-8")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Messages.of(Messages.parse("en")).get("error.password-empty")).isEqualTo("the password is empty");
        assertThat(Messages.of(Messages.parse("zh_CN")).get("error.password-empty")).isEqualTo("密码为空");
    }

    @Test
    void both_languages_have_the_same_message_keys() {
        var en = Messages.of(Locale.ENGLISH).bundle().keySet();
        var zh = Messages.of(Locale.SIMPLIFIED_CHINESE).bundle().keySet();

        assertThat(zh).containsAll(en);
    }
}
