package im.magpie.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void zero_configuration_gives_the_documented_defaults() {
        Settings s = Settings.defaults();
        assertThat(s.get(CoreSettings.PORT)).isEqualTo(7878);
        assertThat(s.get(CoreSettings.TLS)).isTrue();
        assertThat(s.get(CoreSettings.DATA_DIR)).isEqualTo("./magpie-data");
        assertThat(s.get(CoreSettings.DB)).isNull();
    }

    @Test
    void flags_beat_environment_which_beats_the_file_which_beats_defaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("magpie.properties");
        Files.writeString(file, "port=1111\nheartbeat-seconds=11\nserver-name=from file\n");
        Settings s = Settings.builder()
                .configFile(file)
                .environment(Map.of("MAGPIE_PORT", "2222", "MAGPIE_HEARTBEAT_SECONDS", "22"))
                .flags(Map.of("port", "3333"))
                .build();
        assertThat(s.get(CoreSettings.PORT)).isEqualTo(3333);
        assertThat(s.get(CoreSettings.HEARTBEAT_SECONDS)).isEqualTo(22);
        assertThat(s.get(CoreSettings.SERVER_NAME)).isEqualTo("from file");
    }

    @Test
    void a_bad_value_or_unknown_key_stops_the_start_naming_the_setting(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Settings.builder().flags(Map.of("port", "99999")).build())
                .hasMessageContaining("port").hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> Settings.builder().environment(Map.of("MAGPIE_TLS", "maybe")).build())
                .hasMessageContaining("tls");
        Path file = dir.resolve("magpie.properties");
        Files.writeString(file, "prot=1\n");
        assertThatThrownBy(() -> Settings.builder().configFile(file).build()).hasMessageContaining("prot");
    }
}
