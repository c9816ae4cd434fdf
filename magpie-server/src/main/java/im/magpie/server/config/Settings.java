package im.magpie.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The resolved server settings, immutable once built. Precedence: flags, then environment
 * ({@code MAGPIE_*}), then the config file (Java properties, keys as in {@link Setting#key()}),
 * then defaults. Every value is parsed and checked when the settings are built, so a bad value
 * stops the server at start with a message naming the setting, never later.
 */
public final class Settings {
    private final Map<String, Object> values;

    private Settings(Map<String, Object> values) {
        this.values = java.util.Collections.unmodifiableMap(new HashMap<>(values)); // null = "not set"
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object value = values.get(setting.key());
        if (value == null && !values.containsKey(setting.key())) {
            // A setting not in the catalog (e.g. a test-only one): its default.
            return setting.defaultText().isEmpty() ? null : setting.parse(setting.defaultText());
        }
        return (T) value;
    }

    /** Defaults only: what a server with zero configuration runs with. */
    public static Settings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects raw text values per layer; {@link #build()} resolves and checks them. */
    public static final class Builder {
        private final Map<String, String> flags = new HashMap<>();
        private Map<String, String> environment = Map.of();
        private final Map<String, String> file = new HashMap<>();

        public Builder set(Setting<?> setting, Object value) {
            flags.put(setting.key(), String.valueOf(value));
            return this;
        }

        public Builder flags(Map<String, String> byKey) {
            flags.putAll(byKey);
            return this;
        }

        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        public Builder configFile(Path path) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + path + ": " + e.getMessage(), e);
            }
            props.forEach((k, v) -> file.put(String.valueOf(k).trim(), String.valueOf(v)));
            return this;
        }

        public Settings build() {
            Map<String, Object> resolved = new HashMap<>();
            List<String> problems = new ArrayList<>();
            for (Setting<?> setting : SettingsCatalog.all()) {
                String text = flags.get(setting.key());
                if (text == null) text = environment.get(setting.envName());
                if (text == null) text = file.get(setting.key());
                if (text == null) text = setting.defaultText();
                if (text.isEmpty()) {
                    resolved.put(setting.key(), null);
                    continue;
                }
                try {
                    resolved.put(setting.key(), setting.parse(text));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            for (String key : file.keySet()) {
                if (SettingsCatalog.find(key).isEmpty()) problems.add("unknown setting in config file: " + key);
            }
            for (String key : flags.keySet()) {
                if (SettingsCatalog.find(key).isEmpty()) problems.add("unknown setting: " + key);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("bad settings: " + String.join("; ", problems));
            }
            return new Settings(resolved);
        }
    }
}
