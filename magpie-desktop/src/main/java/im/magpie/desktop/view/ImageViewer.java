package im.magpie.desktop.view;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

/** An image at full size in its own window (Esc closes it); loaded in the background, not on the FX thread. */
final class ImageViewer {
    private ImageViewer() {}

    static Stage show(Path file, String title) {
        Image image = new Image(file.toUri().toString(), true);
        ImageView view = new ImageView(image);
        view.setId("fullImage");
        view.setPreserveRatio(true);
        ScrollPane pane = new ScrollPane(view);
        pane.setPannable(true);
        pane.setFitToWidth(true);
        pane.setFitToHeight(true);
        Stage stage = new Stage();
        stage.setTitle(title);
        Scene scene = new Scene(pane, 800, 600);
        scene.getStylesheets().add(DesktopWindow.STYLESHEET);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
