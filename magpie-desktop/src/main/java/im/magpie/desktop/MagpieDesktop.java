package im.magpie.desktop;

import im.magpie.desktop.model.SettingsStore;
import im.magpie.desktop.view.DesktopWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the desktop client. Deliberately not a subclass of {@code Application}: JavaFX refuses
 * such a main class on the plain class path, and this one runs from the fat jar and from
 * {@code ./magpie desktop}.
 *
 * <pre>
 *   java -cp magpie.jar im.magpie.desktop.MagpieDesktop [--profile DIR]...
 * </pre>
 *
 * Each {@code --profile} opens one window on that profile directory (default {@code ~/.magpie});
 * {@link #run} returns when every window is closed.
 */
public final class MagpieDesktop {
    private static final AtomicInteger STARTS = new AtomicInteger();
    /**
     * AtlantaFX's Primer Light, taken as its stylesheet: atlantafx-base 2.1.0's classes are built
     * for Java 21, its CSS runs anywhere, and the CSS is all the theme is.
     */
    public static final String THEME = java.util.Objects.requireNonNull(
            MagpieDesktop.class.getResource("/atlantafx/base/theme/primer-light.css"), "atlantafx-base missing").toExternalForm();

    private MagpieDesktop() {}

    public static void main(String[] args) {
        List<Path> profiles = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--profile") && i + 1 < args.length) {
                profiles.add(Path.of(args[++i]));
            } else if (args[i].equals("--help")) {
                System.out.println("usage: magpie desktop [--profile DIR]...");
                return;
            } else {
                System.err.println("magpie desktop: unknown option " + args[i]);
                System.exit(2);
            }
        }
        if (profiles.isEmpty()) {
            profiles.add(Path.of(System.getProperty("user.home"), ".magpie"));
        }
        run(profiles, w -> { });
        System.exit(0);
    }

    /**
     * Opens one window per profile and blocks until all are closed. {@code opened} sees each
     * window on the FX thread (the demo and tests use it).
     */
    public static void run(List<Path> profiles, Consumer<DesktopWindow> opened) {
        ExecutorService io = ioThreads();
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger open = new AtomicInteger(profiles.size());
        startToolkit(() -> {
            for (Path profile : profiles) {
                Stage stage = new Stage();
                DesktopWindow window = new DesktopWindow(stage, profile, new SettingsStore(profile).load(), io,
                        Platform::runLater);
                stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> {
                    if (open.decrementAndGet() == 0) {
                        closed.countDown();
                    }
                });
                window.showLogin();
                opened.accept(window);
            }
        });
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdown();
        try {
            io.awaitTermination(10, TimeUnit.SECONDS); // sessions close on these threads
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Platform.exit();
    }

    /** Starts JavaFX once per process (later calls run {@code then} on the running toolkit) with the theme. */
    public static void startToolkit(Runnable then) {
        if (STARTS.getAndIncrement() == 0) {
            Platform.setImplicitExit(false);
            Platform.startup(() -> {
                Application.setUserAgentStylesheet(THEME);
                then.run();
            });
        } else {
            Platform.runLater(then);
        }
    }

    /** Threads for the library (network and local database), never the FX thread. */
    public static ExecutorService ioThreads() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "magpie-desktop-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
