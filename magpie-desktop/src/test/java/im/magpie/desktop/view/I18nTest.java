package im.magpie.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

class I18nTest {
    @Test
    void boundTextsFollowEverySwitchOfTheLanguage() {
        I18n i18n = new I18n(Locale.ENGLISH);
        SimpleStringProperty label = new SimpleStringProperty();
        label.bind(i18n.text("main.chats"));
        // a label re-reads its text as soon as it is invalidated, like a skin does
        java.util.List<String> seen = new java.util.ArrayList<>();
        label.addListener((o, a, b) -> seen.add(b));
        SimpleIntegerProperty online = new SimpleIntegerProperty(1);
        SimpleStringProperty count = new SimpleStringProperty();
        count.bind(i18n.text("chat.membersOnline", online, new SimpleIntegerProperty(3)));
        assertThat(label.get()).isEqualTo("Chats");
        i18n.localeProperty().set(I18n.CHINESE);
        assertThat(label.get()).isEqualTo("消息");
        assertThat(count.get()).isEqualTo("1/3 位成员在线");
        i18n.localeProperty().set(Locale.ENGLISH);
        assertThat(label.get()).isEqualTo("Chats");
        i18n.localeProperty().set(I18n.CHINESE);
        online.set(2);
        assertThat(label.get()).isEqualTo("消息");
        assertThat(count.get()).isEqualTo("2/3 位成员在线");
        assertThat(seen).containsExactly("消息", "Chats", "消息");
    }

    @Test
    void bothBundlesHaveTheSameKeys() {
        var en = java.util.ResourceBundle.getBundle(I18n.BUNDLE, Locale.ROOT);
        var zh = java.util.ResourceBundle.getBundle(I18n.BUNDLE, I18n.CHINESE);
        assertThat(zh.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
        for (String key : en.keySet()) {
            assertThat(zh.getString(key)).as(key).isNotBlank();
        }
    }
}
