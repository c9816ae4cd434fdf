package im.magpie.desktop.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

/** An image pasted from the clipboard, written as a PNG file so it can be sent like any other. */
final class PastedImages {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'pasted-'yyyyMMdd-HHmmss-SSS'.png'");

    private PastedImages() {}

    /** Writes the pixels (ARGB, row by row) into {@code folder}; blocking, not on the FX thread. */
    static Path write(int width, int height, int[] argb, Path folder) throws IOException {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException("image of " + width + "x" + height + " with " + argb.length + " pixels");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(folder);
        Path file = folder.resolve(NAME.format(LocalDateTime.now()));
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }
}
