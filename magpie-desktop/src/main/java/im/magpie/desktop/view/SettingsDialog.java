package im.magpie.desktop.view;

import im.magpie.desktop.model.DesktopSettings;
import im.magpie.desktop.model.SettingsStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/** Settings: language (applied at once), notifications, download folder; saved off the FX thread. */
final class SettingsDialog {
    private SettingsDialog() {}

    static void show(Window owner, I18n i18n, DesktopSettings current, SettingsStore store, Executor io,
                     Consumer<DesktopSettings> applied) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("settings.title"));
        ComboBox<Locale> language = LanguageBox.create(i18n);
        CheckBox notify = new CheckBox(i18n.get("settings.notifications"));
        notify.setSelected(current.notifications());
        TextField folder = new TextField(current.downloadDir().toString());
        folder.setPrefColumnCount(24);
        Button browse = new Button(i18n.get("settings.browse"));
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            var dir = chooser.showDialog(d.getDialogPane().getScene().getWindow());
            if (dir != null) {
                folder.setText(dir.getAbsolutePath());
            }
        });
        VBox box = new VBox(10, new Label(i18n.get("settings.language")), language, notify,
                new Label(i18n.get("settings.downloads")), new HBox(8, folder, browse));
        box.setPadding(new Insets(12));
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            Locale l = language.getValue();
            DesktopSettings next = current.withPreferences(l.getLanguage().equals("zh") ? "zh-CN" : "en",
                    notify.isSelected(), Path.of(folder.getText().strip()));
            io.execute(() -> store.save(next));
            applied.accept(next);
        });
    }
}
