package im.magpie.desktop.view;

import im.magpie.desktop.model.Session;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * Avatars: the picture fetched once per hash and kept (a hash never changes its picture), or
 * until it arrives a coloured circle with the name's first letter. Used on the FX thread only.
 */
public final class Avatars {
    private static final String[] PALETTE = {"#5b8def", "#36b37e", "#ff8b00", "#e5484d", "#8e6bd8", "#00a3bf", "#d6409f"};
    private final Session session;
    private final Map<String, Image> images = new HashMap<>();
    private final Set<String> asked = new HashSet<>();
    private final Map<String, Set<StackPane>> waiting = new HashMap<>();

    public Avatars(Session session) {
        this.session = session;
    }

    /** A round avatar of {@code size} pixels. */
    public Node of(String name, String hash, double size) {
        StackPane pane = new StackPane();
        pane.getStyleClass().add("avatar");
        pane.setMinSize(size, size);
        pane.setMaxSize(size, size);
        String n = name == null || name.isBlank() ? "?" : name.strip();
        Circle circle = new Circle(size / 2, Color.web(PALETTE[Math.floorMod(n.hashCode(), PALETTE.length)]));
        Label letter = new Label(n.substring(0, n.offsetByCodePoints(0, 1)).toUpperCase());
        letter.getStyleClass().add("avatar-letter");
        letter.setStyle("-fx-font-size: " + Math.round(size * 0.42) + "px;");
        pane.getChildren().addAll(circle, letter);
        if (hash != null && !hash.isBlank()) {
            Image image = images.get(hash);
            if (image != null) {
                show(pane, image, size);
            } else {
                waiting.computeIfAbsent(hash, h -> new HashSet<>()).add(pane);
                fetch(hash, size);
            }
        }
        return pane;
    }

    private void fetch(String hash, double size) {
        if (session == null || !asked.add(hash)) {
            return;
        }
        session.request(() -> session.social().avatar(hash), bytes -> {
            Image image = new Image(new ByteArrayInputStream(bytes));
            images.put(hash, image);
            Set<StackPane> panes = waiting.remove(hash);
            if (panes != null) {
                panes.forEach(p -> show(p, image, p.getMinWidth()));
            }
        }, f -> asked.remove(hash));
    }

    private static void show(StackPane pane, Image image, double size) {
        ImageView view = new ImageView(image);
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setSmooth(true);
        view.setClip(new Circle(size / 2, size / 2, size / 2));
        pane.getChildren().setAll(view);
    }
}
