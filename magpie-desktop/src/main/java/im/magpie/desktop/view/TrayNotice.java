package im.magpie.desktop.view;

import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * A tray icon that shows desktop notifications, where the platform has a system tray (AWT's
 * {@link SystemTray}; Windows, macOS, most Linux desktops). AWT work happens off the FX thread.
 */
final class TrayNotice {
    private final TrayIcon icon;

    private TrayNotice(TrayIcon icon) {
        this.icon = icon;
    }

    /** A tray icon, or empty where there is no tray (headless, no tray host, an error). */
    static Optional<TrayNotice> create(String tooltip) {
        try {
            if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                return Optional.empty();
            }
            TrayIcon icon = new TrayIcon(image(), tooltip);
            icon.setImageAutoSize(true);
            SystemTray.getSystemTray().add(icon);
            return Optional.of(new TrayNotice(icon));
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    void show(String title, String text) {
        icon.displayMessage(title, text, TrayIcon.MessageType.INFO);
    }

    void remove() {
        try {
            SystemTray.getSystemTray().remove(icon);
        } catch (Exception | LinkageError e) {
            // gone already
        }
    }

    /** A blue dot drawn here: no bitmap shipped. */
    private static BufferedImage image() {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        var g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new java.awt.Color(0x1e, 0x88, 0xe5));
        g.fillOval(1, 1, 14, 14);
        g.dispose();
        return img;
    }
}
