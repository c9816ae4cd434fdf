package im.magpie.desktop.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a session's messenger is built, from the settings at sign-in.
 *
 * @param keepSession "remember me": the profile keeps the resume token for the next start
 * @param direct direct channels to friends on or off
 * @param imageDir where offered images (up to the library's automatic size) are fetched by
 *     themselves, to be shown inline
 */
public record SessionOptions(boolean keepSession, boolean direct, Path imageDir) {
    public SessionOptions {
        Objects.requireNonNull(imageDir, "imageDir");
    }

    /** The options for {@code settings}, images cached in the profile's {@code images} folder. */
    public static SessionOptions of(DesktopSettings settings, boolean keepSession, Path profileDir) {
        return new SessionOptions(keepSession, settings.direct(), profileDir.resolve("images"));
    }
}
