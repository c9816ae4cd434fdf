package im.magpie.desktop.view;

import im.magpie.desktop.model.Session;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/** The profile editor: nickname, signature, and an avatar picked from a file, cropped square and resized. */
final class ProfileDialog {
    static final int AVATAR_PIXELS = 256;

    private ProfileDialog() {}

    static void show(Window owner, Session session, I18n i18n) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("profile.title"));
        var me = session.selfProperty().get();
        TextField nickname = new TextField(me.nickname());
        nickname.setId("nicknameEdit");
        nickname.setPromptText(i18n.get("profile.nickname"));
        TextField signature = new TextField(me.signature());
        signature.setId("signatureEdit");
        signature.setPromptText(i18n.get("profile.signature"));
        ImageView preview = new ImageView();
        preview.setFitWidth(96);
        preview.setFitHeight(96);
        byte[][] picked = new byte[1][];
        Label status = new Label();
        status.setWrapText(true);
        Button choose = new Button(i18n.get("profile.chooseAvatar"));
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("profile.images"),
                    "*.png", "*.jpg", "*.jpeg"));
            var file = chooser.showOpenDialog(d.getDialogPane().getScene().getWindow());
            if (file != null) {
                session.io(() -> squarePng(file.toPath()), png -> {
                    picked[0] = png;
                    preview.setImage(new Image(new java.io.ByteArrayInputStream(png)));
                }, f -> status.setText(Texts.failure(i18n, f)));
            }
        });
        VBox box = new VBox(10, new Label(i18n.get("profile.nickname")), nickname,
                new Label(i18n.get("profile.signature")), signature, new HBox(10, preview, choose), status);
        box.setPadding(new Insets(12));
        box.setPrefWidth(340);
        d.getDialogPane().setContent(box);
        ButtonType save = new ButtonType(i18n.get("profile.save"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        Button saveButton = (Button) d.getDialogPane().lookupButton(save);
        saveButton.setId("saveProfileButton");
        saveButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume();
            session.request(() -> {
                var update = session.social().updateProfile(nickname.getText().strip(), signature.getText().strip());
                return picked[0] == null ? update : update.thenCompose(p -> session.social().setAvatar(picked[0]));
            }, p -> {
                session.selfProperty().set(p);
                d.close();
            }, f -> status.setText(Texts.failure(i18n, f)));
        });
        d.show();
    }

    /** Reads a picture, crops its centre square and scales it to {@link #AVATAR_PIXELS}, as PNG (off the FX thread). */
    static byte[] squarePng(Path file) {
        Image image = new Image(file.toUri().toString(), false);
        if (image.isError() || image.getWidth() < 1) {
            throw new IllegalArgumentException("not an image: " + file);
        }
        int side = (int) Math.min(image.getWidth(), image.getHeight());
        int x0 = (int) (image.getWidth() - side) / 2;
        int y0 = (int) (image.getHeight() - side) / 2;
        PixelReader reader = image.getPixelReader();
        BufferedImage out = new BufferedImage(AVATAR_PIXELS, AVATAR_PIXELS, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < AVATAR_PIXELS; y++) {
            for (int x = 0; x < AVATAR_PIXELS; x++) { // nearest neighbour is enough for a 256 px avatar
                out.setRGB(x, y, reader.getArgb(x0 + x * side / AVATAR_PIXELS, y0 + y * side / AVATAR_PIXELS));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
