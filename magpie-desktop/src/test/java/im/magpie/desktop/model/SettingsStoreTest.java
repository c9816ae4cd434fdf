package im.magpie.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void settings_come_back_as_saved_and_missing_ones_are_the_defaults() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load()).isEqualTo(DesktopSettings.defaults());
        DesktopSettings s = DesktopSettings.defaults().withLogin("chat.example:9000", false, "王芳", true, true)
                .withPreferences("zh-CN", false, false, false, dir.resolve("下载"));
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
        Files.writeString(store.file(), "username=bob\n");
        assertThat(store.load().username()).isEqualTo("bob");
        assertThat(store.load().server()).isEqualTo(DesktopSettings.defaults().server());
        assertThat(store.load().direct()).as("direct channels default on").isTrue();
        assertThat(store.load().sounds()).isTrue();
    }

    @Test
    void automatic_login_needs_remember_me() {
        assertThat(DesktopSettings.defaults().withLogin("h:1", true, "a", false, true).autoLogin()).isFalse();
    }
}
