package im.magpie.client.files;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Small JPEG previews of images, made by the sender with the JDK's ImageIO (no display needed), so
 * a front end can show an image offer inline before anyone fetches it.
 */
public final class Thumbnails {
    /** The longer side of a thumbnail, in pixels. */
    public static final int MAX_SIDE_PIXELS = 160;
    /** The server's limit for a thumbnail. */
    public static final int MAX_BYTES = 32 * 1024;
    /** Images with more pixels than this are not decoded for a thumbnail (memory). */
    static final long MAX_SOURCE_PIXELS = 40_000_000L;

    private Thumbnails() {}

    /** A thumbnail of the image in {@code file}, or empty if it is not an image ImageIO reads. */
    public static Optional<byte[]> of(Path file) {
        try {
            BufferedImage image;
            try (var in = ImageIO.createImageInputStream(file.toFile())) {
                if (in == null) return Optional.empty();
                var readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) return Optional.empty();
                var r = readers.next();
                try {
                    r.setInput(in, true, true);
                    if ((long) r.getWidth(0) * r.getHeight(0) > MAX_SOURCE_PIXELS) return Optional.empty();
                    image = r.read(0);
                } finally {
                    r.dispose();
                }
            }
            return image == null ? Optional.empty() : encode(scale(image));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged or unsupported: send without a thumbnail
        }
    }

    private static BufferedImage scale(BufferedImage src) {
        double k = Math.min(1.0, (double) MAX_SIDE_PIXELS / Math.max(src.getWidth(), src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * k));
        int h = Math.max(1, (int) Math.round(src.getHeight() * k));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB); // JPEG has no alpha
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Optional<byte[]> encode(BufferedImage image) throws IOException {
        for (float quality : new float[] {0.8f, 0.6f, 0.4f}) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (var out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            if (bytes.size() <= MAX_BYTES) return Optional.of(bytes.toByteArray());
        }
        return Optional.empty();
    }
}
