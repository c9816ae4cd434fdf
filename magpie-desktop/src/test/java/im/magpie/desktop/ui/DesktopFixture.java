package im.magpie.desktop.ui;

import static org.awaitility.Awaitility.await;

import im.magpie.desktop.model.DesktopSettings;
import im.magpie.desktop.view.DesktopWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Helpers for driving real desktop windows headless: open one, find its nodes, read FX state safely. */
final class DesktopFixture {
    /** Generous: the first login of a JVM on a busy shared machine (and on JDK 25) takes tens of seconds. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private DesktopFixture() {}

    /** Reads FX state on the FX thread. */
    static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void run(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** A window with direct channels off (the story of DesktopUiIT is about the server's path). */
    static DesktopWindow open(Path profile, int port, double x, ExecutorService io) {
        return open(profile, port, x, io, false);
    }

    /** A window on {@code profile}; its login window finds no LAN servers (no broadcasts from tests). */
    static DesktopWindow open(Path profile, int port, double x, ExecutorService io, boolean direct) {
        return fx(() -> {
            Stage stage = new Stage();
            stage.setX(x);
            stage.setY(0);
            DesktopSettings d = DesktopSettings.defaults();
            DesktopSettings settings = new DesktopSettings("en", true, true, direct, profile.resolve("Downloads"),
                    d.server(), false, "", true, false).withLogin("127.0.0.1:" + port, false, "", true, false);
            DesktopWindow w = new DesktopWindow(stage, profile, settings, io, Platform::runLater, List::of);
            w.showLogin();
            return w;
        });
    }

    static Parent root(DesktopWindow w) {
        return fx(() -> w.stage().getScene().getRoot());
    }

    /** The node with this id in the window, once it is there. */
    static <T extends Node> T node(FxRobot robot, DesktopWindow w, String id) {
        await().atMost(WAIT).until(() -> fx(() -> robot.from(root(w)).lookup(id).tryQuery().isPresent()));
        return fx(() -> robot.from(root(w)).lookup(id).query());
    }

    static <T extends Node> T node(FxRobot robot, DesktopWindow w, Predicate<Node> which) {
        await().atMost(WAIT).until(() -> fx(() -> robot.from(root(w)).lookup(which::test).tryQuery().isPresent()));
        return fx(() -> robot.from(root(w)).lookup(which::test).query());
    }
}
