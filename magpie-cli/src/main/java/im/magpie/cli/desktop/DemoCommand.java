package im.magpie.cli.desktop;

import im.magpie.desktop.MagpieDesktop;
import im.magpie.desktop.view.DesktopWindow;
import im.magpie.desktop.view.Screenshots;
import im.magpie.server.MagpieServer;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.config.Settings;
import im.magpie.server.group.GroupSettings;
import im.magpie.server.ops.OpsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code magpie demo}: a server on a temporary data directory and two desktop windows, alice and
 * bob, already friends, with a short conversation and a group. Closing both windows stops the
 * server and deletes everything the demo wrote. With {@code --screenshots DIR} it renders the
 * windows into DIR (in English and Chinese) and closes them itself.
 */
@Command(name = "demo", description = "Start a local demo: a server and two desktop windows (alice and bob).")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--screenshots", paramLabel = "DIR", description = "Render the windows into DIR and quit.")
    Path screenshots;

    @Override
    public Integer call() throws Exception {
        Path root = Files.createTempDirectory("magpie-demo-");
        try {
            Path data = Files.createDirectories(root.resolve("server"));
            Path alice = Files.createDirectories(root.resolve("alice"));
            Path bob = Files.createDirectories(root.resolve("bob"));
            Path fresh = Files.createDirectories(root.resolve("login"));
            try (MagpieServer server = MagpieServer.start(Settings.builder().flags(Map.of(
                    CoreSettings.HOST.key(), "127.0.0.1",
                    CoreSettings.PORT.key(), "0",
                    CoreSettings.TLS.key(), "false",
                    CoreSettings.DATA_DIR.key(), data.toString(),
                    OpsSettings.ADMIN_PORT.key(), "0",
                    GroupSettings.LOBBY_ENABLED.key(), "false")).build())) {
                System.err.println("magpie demo: server on 127.0.0.1:" + server.port() + ", data in " + root);
                DemoSeed.seed(server.port(), alice, bob);
                List<Path> profiles = screenshots == null ? List.of(alice, bob) : List.of(alice, bob, fresh);
                if (screenshots != null) {
                    Files.writeString(fresh.resolve("desktop.properties"),
                            "server=127.0.0.1\\:" + server.port() + "\ntls=false\nusername=alice\nremember=true\n");
                }
                MagpieDesktop.run(profiles, this::whenOpened);
            }
        } finally {
            deleteTree(root);
            System.err.println("magpie demo: stopped, removed " + root);
        }
        return 0;
    }

    private final List<DesktopWindow> windows = new ArrayList<>();

    private void whenOpened(DesktopWindow window) {
        if (screenshots == null) {
            return;
        }
        windows.add(window);
        if (windows.size() < 3) {
            return;
        }
        DesktopWindow login = windows.get(2);
        List<DesktopWindow> chats = windows.subList(0, 2);
        Runnable capture = () -> Screenshots.capture(chats, login, screenshots.toAbsolutePath(),
                () -> windows.forEach(w -> w.stage().close()));
        chats.forEach(w -> w.loggedInProperty().addListener((o, a, b) -> {
            if (chats.stream().allMatch(x -> x.loggedInProperty().get())) {
                Platform.runLater(capture);
            }
        }));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary directory
        }
    }
}
