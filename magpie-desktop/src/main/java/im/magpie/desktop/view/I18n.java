package im.magpie.desktop.view;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The window's texts in English or Simplified Chinese ({@code messages*.properties}), switchable
 * at run time: labels bind to {@link #text}, which follows {@link #localeProperty}.
 */
public final class I18n {
    static final String BUNDLE = "im.magpie.desktop.messages";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>();
    // Texts depend on the bundle, not on the locale: a label that re-reads its text while the
    // locale's listeners run must not see the old bundle and keep it.
    private final ObjectProperty<ResourceBundle> bundle = new SimpleObjectProperty<>();

    public I18n(Locale initial) {
        locale.addListener((o, a, b) -> bundle.set(load(b)));
        locale.set(initial.getLanguage().equals("zh") ? CHINESE : Locale.ENGLISH);
    }

    private static ResourceBundle load(Locale l) {
        return ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    /** Changes after the language did, once its texts are loaded: listen to this to re-render. */
    public ObjectProperty<ResourceBundle> bundleProperty() {
        return bundle;
    }

    public Locale locale() {
        return locale.get();
    }

    /** The text now; {@code args} fill {0}, {1}, ... */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.get().getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale.get()).format(args);
    }

    /** The text, following the language. */
    public StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), bundle);
    }

    /** The text with arguments that change too. */
    public StringBinding text(String key, ObservableValue<?>... args) {
        ObservableValue<?>[] deps = new ObservableValue<?>[args.length + 1];
        System.arraycopy(args, 0, deps, 0, args.length);
        deps[args.length] = bundle;
        return Bindings.createStringBinding(() -> {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].getValue();
            }
            return get(key, values);
        }, deps);
    }
}
