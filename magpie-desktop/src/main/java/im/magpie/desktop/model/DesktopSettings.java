package im.magpie.desktop.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What the desktop remembers between starts (kept in {@code desktop.properties} in the profile).
 *
 * @param language a language tag ("en", "zh-CN")
 * @param notifications whether to notify of messages while the window is not focused
 * @param downloadDir where received files go
 * @param server the last server address typed
 * @param tls whether to use TLS
 * @param username the last account
 * @param remember keep the session to log in without the password
 * @param autoLogin log in at start with the kept session
 */
public record DesktopSettings(String language, boolean notifications, Path downloadDir, String server, boolean tls,
                              String username, boolean remember, boolean autoLogin) {

    public static DesktopSettings defaults() {
        String lang = Locale.getDefault().getLanguage().equals("zh") ? "zh-CN" : "en";
        return new DesktopSettings(lang, true, Path.of(System.getProperty("user.home"), "Downloads"),
                "localhost:" + ServerAddress.DEFAULT_PORT, true, "", true, false);
    }

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    public DesktopSettings withLanguage(String l) {
        return new DesktopSettings(l, notifications, downloadDir, server, tls, username, remember, autoLogin);
    }

    public DesktopSettings withPreferences(String l, boolean notify, Path downloads) {
        return new DesktopSettings(l, notify, downloads, server, tls, username, remember, autoLogin);
    }

    public DesktopSettings withLogin(String srv, boolean useTls, String user, boolean keep, boolean auto) {
        return new DesktopSettings(language, notifications, downloadDir, srv, useTls, user, keep, keep && auto);
    }
}
