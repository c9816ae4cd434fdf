package im.magpie.desktop.view;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.PopupControl;
import javafx.scene.control.Skin;
import javafx.scene.layout.TilePane;
import javafx.stage.PopupWindow;

/** The emoji picker: a popup grid; a click inserts the emoji where the caret is. */
final class Emoji {
    static final List<String> COMMON = List.of(
            "😀", "😄", "😂", "🤣", "😊", "😍", "😘", "😎", "🤔", "😅", "😭", "😡",
            "👍", "👎", "👏", "🙏", "💪", "👌", "🎉", "❤️", "🔥", "🌹", "☕", "🍉",
            "😴", "😱", "🤝", "✌️", "🙂", "😉", "😋", "😆", "🐦", "🌙", "⭐", "✅");

    private Emoji() {}

    static PopupWindow picker(Consumer<String> onPick) {
        TilePane grid = new TilePane();
        grid.getStyleClass().add("emoji-grid");
        grid.setPrefColumns(9);
        PopupControl popup = new PopupControl();
        popup.setAutoHide(true);
        for (String e : COMMON) {
            Button b = new Button(e);
            b.getStyleClass().addAll("flat", "emoji-button");
            b.setOnAction(x -> {
                onPick.accept(e);
                popup.hide();
            });
            grid.getChildren().add(b);
        }
        popup.setSkin(new Skin<>() {
            @Override
            public PopupControl getSkinnable() {
                return popup;
            }

            @Override
            public javafx.scene.Node getNode() {
                return grid;
            }

            @Override
            public void dispose() {
            }
        });
        return popup;
    }
}
