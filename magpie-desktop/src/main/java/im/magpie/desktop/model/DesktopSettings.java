package im.magpie.desktop.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What the desktop remembers between starts (kept in {@code desktop.properties} in the profile).
 *
 * @param language a language tag ("en", "zh-CN")
 * @param notifications whether to notify of messages while the window is not focused
 * @param sounds whether a notification also plays a short chime
 * @param direct whether one-to-one chats may use a direct channel to the friend (on by default:
 *     see {@link #defaults()}); read at sign-in
 * @param downloadDir where received files go
 * @param server the last server address typed
 * @param tls whether to use TLS
 * @param username the last account
 * @param remember keep the session to log in without the password
 * @param autoLogin log in at start with the kept session
 */
public record DesktopSettings(String language, boolean notifications, boolean sounds, boolean direct, Path downloadDir,
                              String server, boolean tls, String username, boolean remember, boolean autoLogin) {

    /**
     * Direct channels are on: unlike a one-shot command (the library's default is off), the desktop
     * stays online for hours next to its friend's desktop, so a channel pays off (files without the
     * relay's size limit, traffic off the server), and the library falls back to the server by
     * itself when no channel connects. Settings turn it off for networks where listening is unwelcome.
     */
    public static DesktopSettings defaults() {
        String lang = Locale.getDefault().getLanguage().equals("zh") ? "zh-CN" : "en";
        return new DesktopSettings(lang, true, true, true, Path.of(System.getProperty("user.home"), "Downloads"),
                "localhost:" + ServerAddress.DEFAULT_PORT, true, "", true, false);
    }

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    public DesktopSettings withLanguage(String l) {
        return new DesktopSettings(l, notifications, sounds, direct, downloadDir, server, tls, username, remember, autoLogin);
    }

    public DesktopSettings withPreferences(String l, boolean notify, boolean chime, boolean directChannels, Path downloads) {
        return new DesktopSettings(l, notify, chime, directChannels, downloads, server, tls, username, remember, autoLogin);
    }

    public DesktopSettings withLogin(String srv, boolean useTls, String user, boolean keep, boolean auto) {
        return new DesktopSettings(language, notifications, sounds, direct, downloadDir, srv, useTls, user, keep, keep && auto);
    }
}
