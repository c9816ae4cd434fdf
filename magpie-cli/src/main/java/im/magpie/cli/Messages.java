package im.magpie.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing text, from {@code im/magpie/cli/messages*.properties} (UTF-8): English and
 * Simplified Chinese. The language is {@code MAGPIE_LANG} (e.g. {@code zh_CN}, {@code zh-CN},
 * {@code en}) or else the JVM's locale. The same locale goes to the server in {@code Hello}, so
 * its error messages come back in that language. Patterns use {@link MessageFormat}.
 */
public final class Messages {
    public static final String BUNDLE = "im.magpie.cli.messages";

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Messages of(Locale locale) {
        return new Messages(locale);
    }

    public static Messages of(CliEnvironment env) {
        return new Messages(env.variable("MAGPIE_LANG").map(Messages::parse).orElse(Locale.getDefault()));
    }

    static Locale parse(String tag) {
        String cleaned = tag.split("\\.")[0].replace('_', '-'); // "zh_CN.UTF-8" -> "zh-CN"
        Locale locale = Locale.forLanguageTag(cleaned);
        return locale.getLanguage().isEmpty() ? Locale.ENGLISH : locale;
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
