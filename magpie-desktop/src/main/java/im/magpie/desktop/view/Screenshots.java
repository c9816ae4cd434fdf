package im.magpie.desktop.view;

import im.magpie.desktop.model.ChatKey;
import im.magpie.desktop.model.ConversationSummary;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Renders the windows into PNG files for the README (run under a display, e.g. Xvfb): each
 * logged-in window with its newest one-to-one chat and its first group chat, in English and in
 * Chinese. A tool, not a test: it waits fixed pauses for the windows to settle.
 */
public final class Screenshots {
    private final Path dir;
    private final Deque<Runnable> steps = new ArrayDeque<>();

    private Screenshots(Path dir) {
        this.dir = dir;
    }

    /** Captures, then runs {@code done}; call on the FX thread once every window is logged in. */
    public static void capture(List<DesktopWindow> windows, DesktopWindow login, Path dir, Runnable done) {
        Screenshots s = new Screenshots(dir);
        for (String lang : List.of("en", "zh")) {
            Locale locale = lang.equals("zh") ? I18n.CHINESE : Locale.ENGLISH;
            if (login != null) {
                s.steps.add(() -> login.i18n().localeProperty().set(locale));
                s.steps.add(() -> s.save(login.stage().getScene(), "login-" + lang));
            }
            for (DesktopWindow w : windows) {
                String who = w.session().selfProperty().get().username();
                s.steps.add(() -> w.i18n().localeProperty().set(locale));
                s.steps.add(() -> openFirst(w, false));
                s.steps.add(() -> s.save(w.stage().getScene(), who + "-chat-" + lang));
                s.steps.add(() -> openFirst(w, true));
                s.steps.add(() -> s.save(w.stage().getScene(), who + "-group-" + lang));
                s.steps.add(() -> w.mainView().tabs().getSelectionModel().select(1));
                s.steps.add(() -> s.save(w.stage().getScene(), who + "-friends-" + lang));
                s.steps.add(() -> w.mainView().tabs().getSelectionModel().select(0));
            }
        }
        s.steps.add(done);
        s.next();
    }

    private static void openFirst(DesktopWindow w, boolean group) {
        var main = w.mainViewModel();
        main.conversations().stream().map(ConversationSummary::chat).filter(k -> k.isGroup() == group).findFirst()
                .or(() -> group ? main.groups().stream().map(g -> ChatKey.group(g.groupId())).findFirst()
                        : java.util.Optional.empty())
                .ifPresent(k -> main.open(k, main.titleOf(k)));
    }

    private void next() {
        Runnable step = steps.poll();
        if (step == null) {
            return;
        }
        step.run();
        PauseTransition settle = new PauseTransition(Duration.millis(900));
        settle.setOnFinished(e -> next());
        settle.play();
    }

    private void save(Scene scene, String name) {
        WritableImage image = scene.snapshot(null);
        write(image, dir.resolve(name + ".png"));
    }

    /** Writes an FX image as PNG. */
    public static void write(WritableImage image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        PixelReader reader = image.getPixelReader();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
