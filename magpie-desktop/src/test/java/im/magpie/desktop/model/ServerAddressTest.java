package im.magpie.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerAddressTest {
    @Test
    void an_address_is_host_and_port_with_the_default_port_when_none_is_given() {
        assertThat(ServerAddress.parse(" chat.example:9000 ", true)).isEqualTo(new ServerAddress("chat.example", 9000, true));
        assertThat(ServerAddress.parse("chat.example", false).port()).isEqualTo(ServerAddress.DEFAULT_PORT);
        assertThat(ServerAddress.parse("[::1]:7000", false)).isEqualTo(new ServerAddress("::1", 7000, false));
    }

    @Test
    void a_bad_address_is_refused_with_a_reason() {
        assertThatThrownBy(() -> ServerAddress.parse("", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.parse("host:http", true)).hasMessageContaining("not a port");
        assertThatThrownBy(() -> ServerAddress.parse("host:70000", true)).hasMessageContaining("port out of range");
    }
}
