package im.magpie.desktop.model;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** Reads and writes {@link DesktopSettings} as a properties file (disk work: not on the FX thread). */
public final class SettingsStore {
    public static final String FILE_NAME = "desktop.properties";
    private final Path file;

    public SettingsStore(Path profileDir) {
        this.file = profileDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The saved settings, or the defaults for what is missing or unreadable. */
    public DesktopSettings load() {
        DesktopSettings d = DesktopSettings.defaults();
        if (!Files.isRegularFile(file)) {
            return d;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return d;
        }
        return new DesktopSettings(p.getProperty("language", d.language()),
                Boolean.parseBoolean(p.getProperty("notifications", String.valueOf(d.notifications()))),
                Boolean.parseBoolean(p.getProperty("sounds", String.valueOf(d.sounds()))),
                Boolean.parseBoolean(p.getProperty("direct", String.valueOf(d.direct()))),
                Path.of(p.getProperty("downloadDir", d.downloadDir().toString())),
                p.getProperty("server", d.server()),
                Boolean.parseBoolean(p.getProperty("tls", String.valueOf(d.tls()))),
                p.getProperty("username", d.username()),
                Boolean.parseBoolean(p.getProperty("remember", String.valueOf(d.remember()))),
                Boolean.parseBoolean(p.getProperty("autoLogin", String.valueOf(d.autoLogin()))));
    }

    /** Writes atomically (a temporary file moved over the old one). */
    public void save(DesktopSettings s) {
        Properties p = new Properties();
        p.setProperty("language", s.language());
        p.setProperty("notifications", String.valueOf(s.notifications()));
        p.setProperty("sounds", String.valueOf(s.sounds()));
        p.setProperty("direct", String.valueOf(s.direct()));
        p.setProperty("downloadDir", s.downloadDir().toString());
        p.setProperty("server", s.server());
        p.setProperty("tls", String.valueOf(s.tls()));
        p.setProperty("username", s.username());
        p.setProperty("remember", String.valueOf(s.remember()));
        p.setProperty("autoLogin", String.valueOf(s.autoLogin()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Magpie desktop");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
