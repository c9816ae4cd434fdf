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

/**
 * Settings: language (applied at once), notifications and sounds, the download folder, direct
 * channels (from the next sign-in: the messenger is built with them); saved off the FX thread.
 * Esc cancels (the dialog's Cancel button).
 */
final class SettingsDialog {
    private SettingsDialog() {}

    static Dialog<ButtonType> show(Window owner, I18n i18n, DesktopSettings current, SettingsStore store, Executor io,
                                   Consumer<DesktopSettings> applied) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("settings.title"));
        ComboBox<Locale> language = LanguageBox.create(i18n);
        language.setId("settingsLanguage");
        Label languageLabel = new Label(i18n.get("settings.language"));
        languageLabel.setLabelFor(language);
        CheckBox notify = new CheckBox(i18n.get("settings.notifications"));
        notify.setId("notificationsBox");
        notify.setSelected(current.notifications());
        CheckBox sounds = new CheckBox(i18n.get("settings.sounds"));
        sounds.setId("soundsBox");
        sounds.setSelected(current.sounds());
        CheckBox direct = new CheckBox(i18n.get("settings.direct"));
        direct.setId("directBox");
        direct.setSelected(current.direct());
        Label directHint = new Label(i18n.get("settings.directHint"));
        directHint.getStyleClass().add("meta");
        directHint.setWrapText(true);
        TextField folder = new TextField(current.downloadDir().toString());
        folder.setId("downloadFolderField");
        folder.setPrefColumnCount(24);
        Label folderLabel = new Label(i18n.get("settings.downloads"));
        folderLabel.setLabelFor(folder);
        Button browse = new Button(i18n.get("settings.browse"));
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            var dir = chooser.showDialog(d.getDialogPane().getScene().getWindow());
            if (dir != null) {
                folder.setText(dir.getAbsolutePath());
            }
        });
        VBox box = new VBox(10, languageLabel, language, notify, sounds, folderLabel, new HBox(8, folder, browse),
                direct, directHint);
        box.setPadding(new Insets(12));
        box.setPrefWidth(440);
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ButtonType.OK).setId("settingsOk");
        d.resultProperty().addListener((o, a, b) -> {
            if (b != ButtonType.OK) {
                return;
            }
            Locale l = language.getValue();
            String text = folder.getText().strip();
            Path downloads = text.isEmpty() ? current.downloadDir() : Path.of(text);
            DesktopSettings next = current.withPreferences(l.getLanguage().equals("zh") ? "zh-CN" : "en",
                    notify.isSelected(), sounds.isSelected(), direct.isSelected(), downloads);
            io.execute(() -> store.save(next));
            applied.accept(next);
        });
        d.show();
        return d;
    }
}
