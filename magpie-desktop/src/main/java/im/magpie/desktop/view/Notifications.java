package im.magpie.desktop.view;

import im.magpie.desktop.model.ChatMessage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Tells of messages that arrive while the window is not focused: a desktop notification from the
 * system tray where the platform has one (AWT's {@code SystemTray}), else a toast in the window's
 * corner; and, when sounds are on, the {@link Chime}. The unread count in the title is the
 * window's own ({@link DesktopWindow}).
 */
final class Notifications {
    private final Stage stage;
    private final Executor io;
    private final AtomicInteger chimes = new AtomicInteger();
    /** Looked for on an I/O thread at start (AWT's toolkit loads then); null: toasts. */
    private volatile TrayNotice tray;
    private Popup toast;

    Notifications(Stage stage, Executor io) {
        this.stage = stage;
        this.io = io;
        io.execute(() -> tray = TrayNotice.create("Magpie").orElse(null));
    }

    /** FX thread. */
    void messageArrived(String from, ChatMessage m, boolean notify, boolean sound) {
        if (stage.isFocused()) {
            return;
        }
        if (notify) {
            String text = m.text().length() > 120 ? m.text().substring(0, 120) + "..." : m.text();
            TrayNotice t = tray;
            if (t != null) {
                io.execute(() -> t.show(from, text));
            } else {
                toast(from, text);
            }
        }
        if (sound) {
            chimes.incrementAndGet();
            io.execute(Chime::play);
        }
    }

    private void toast(String from, String text) {
        if (toast != null) {
            toast.hide();
        }
        Label title = new Label(from);
        title.getStyleClass().add("toast-title");
        Label body = new Label(text);
        body.setWrapText(true);
        body.setMaxWidth(260);
        VBox box = new VBox(4, title, body);
        box.setId("toast");
        box.getStyleClass().add("toast");
        box.getStylesheets().add(DesktopWindow.STYLESHEET);
        box.setAlignment(Pos.TOP_LEFT);
        Popup popup = new Popup();
        popup.getContent().add(box);
        popup.setAutoHide(true);
        popup.show(stage, stage.getX() + stage.getWidth() - 300, stage.getY() + stage.getHeight() - 120);
        toast = popup;
        PauseTransition later = new PauseTransition(Duration.seconds(5));
        later.setOnFinished(e -> popup.hide());
        later.play();
    }

    /** How many chimes were asked for (tests: the sound setting is obeyed where no device plays). */
    int chimesRequested() {
        return chimes.get();
    }

    void close() {
        TrayNotice t = tray;
        if (t != null) {
            io.execute(t::remove);
        }
    }
}
