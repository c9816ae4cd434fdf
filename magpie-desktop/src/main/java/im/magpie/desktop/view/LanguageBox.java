package im.magpie.desktop.view;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.util.StringConverter;

/** The language switch: English / 简体中文, each named in its own language. */
final class LanguageBox {
    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, I18n.CHINESE);

    private LanguageBox() {}

    static ComboBox<Locale> create(I18n i18n) {
        ComboBox<Locale> box = new ComboBox<>();
        box.getItems().setAll(LANGUAGES);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Locale l) {
                return l == null ? "" : l.getLanguage().equals("zh") ? "简体中文" : "English";
            }

            @Override
            public Locale fromString(String s) {
                return s.equals("简体中文") ? I18n.CHINESE : Locale.ENGLISH;
            }
        });
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Locale item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : box.getConverter().toString(item));
            }
        });
        box.setValue(i18n.locale());
        box.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                i18n.localeProperty().set(b);
            }
        });
        i18n.bundleProperty().addListener((o, a, b) -> box.setValue(i18n.locale()));
        return box;
    }
}
