package im.magpie.server.config;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One server setting: its name, default, description and how to parse and check a value.
 * Features declare their settings as constants next to the code that uses them and list them in
 * {@link SettingsCatalog}; the value comes from a flag, a {@code MAGPIE_*} environment variable,
 * the config file, or the default, in that order.
 *
 * @param key         kebab-case name; the flag is {@code --key}, the variable {@code MAGPIE_KEY}
 * @param defaultText the default as text ({@code ""} for "not set")
 */
public record Setting<T>(
        String key,
        String defaultText,
        String description,
        Function<String, T> parser,
        Predicate<T> check,
        String checkDescription) {

    public Setting {
        Objects.requireNonNull(key);
        Objects.requireNonNull(defaultText);
    }

    public static Setting<Integer> integer(String key, int def, int min, int max, String description) {
        return new Setting<>(key, Integer.toString(def), description, Integer::valueOf,
                v -> v >= min && v <= max, "a whole number from " + min + " to " + max);
    }

    public static Setting<Long> longValue(String key, long def, long min, long max, String description) {
        return new Setting<>(key, Long.toString(def), description, Long::valueOf,
                v -> v >= min && v <= max, "a whole number from " + min + " to " + max);
    }

    public static Setting<Boolean> flag(String key, boolean def, String description) {
        return new Setting<>(key, Boolean.toString(def), description, Setting::parseBoolean,
                v -> true, "true or false");
    }

    public static Setting<String> text(String key, String def, String description) {
        return new Setting<>(key, def, description, s -> s, v -> true, "text");
    }

    public String envName() {
        return "MAGPIE_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    public String flagName() {
        return "--" + key;
    }

    /** Parses and checks a value; throws {@link IllegalArgumentException} naming the setting. */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not " + checkDescription);
        }
        if (!check.test(value)) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not " + checkDescription);
        }
        return value;
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(s);
        };
    }
}
