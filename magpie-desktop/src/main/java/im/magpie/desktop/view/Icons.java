package im.magpie.desktop.view;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Icons from the Feather font (Ikonli): sharp at any scaling, coloured by CSS. */
final class Icons {
    private Icons() {}

    static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("icon");
        return icon;
    }

    static FontIcon of(Ikon ikon, int size) {
        FontIcon icon = of(ikon);
        icon.setIconSize(size);
        icon.getStyleClass().add("icon-" + size); // desktop.css sizes it: the theme's size would win over setIconSize
        return icon;
    }
}
