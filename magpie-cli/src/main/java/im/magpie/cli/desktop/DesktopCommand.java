package im.magpie.cli.desktop;

import im.magpie.desktop.MagpieDesktop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code magpie desktop}: the JavaFX desktop client (module magpie-desktop). */
@Command(name = "desktop", description = "Open the desktop client (one window per --profile; default ~/.magpie).")
public final class DesktopCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "DIR", description = "Profile directory of a window (repeatable).")
    List<Path> profiles = new ArrayList<>();

    @Override
    public Integer call() {
        if (profiles.isEmpty()) {
            profiles.add(Path.of(System.getProperty("user.home"), ".magpie"));
        }
        MagpieDesktop.run(profiles, w -> { });
        return 0;
    }
}
