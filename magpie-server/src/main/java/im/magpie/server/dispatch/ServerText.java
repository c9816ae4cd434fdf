package im.magpie.server.dispatch;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Renders message keys in English or Simplified Chinese. A key's first segment names its bundle:
 * {@code account.username.taken} is looked up in {@code i18n/account.properties} (and
 * {@code i18n/account_zh_CN.properties}), so each feature owns its own texts.
 */
public final class ServerText {
    private ServerText() {}

    public static String render(String key, Locale locale, Object... args) {
        int dot = key.indexOf('.');
        String bundleName = "i18n/" + (dot > 0 ? key.substring(0, dot) : key);
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(bundleName, locale, ServerText.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                    .getString(key);
        } catch (MissingResourceException e) {
            return args.length == 0 ? key : key + " " + java.util.Arrays.toString(args);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** Maps a Hello locale tag to one we have texts for: Chinese variants to zh_CN, else English. */
    public static Locale supportedLocale(String tag) {
        if (tag != null && tag.toLowerCase(Locale.ROOT).startsWith("zh")) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.ROOT;
    }
}
