package im.magpie.server.social;

import im.magpie.server.dispatch.MagpieException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks an uploaded avatar and makes the normalised copy that is stored and served: a 128x128 PNG
 * (centre square, scaled), addressed by the hex SHA-256 of its bytes.
 *
 * <p>Order of checks, cheapest first, so hostile input costs little: the byte size; the magic
 * number (PNG or JPEG only); the dimensions read from the header alone, before any pixel is
 * decoded, so a decompression bomb (a tiny file declaring a huge bitmap) is refused without
 * allocating it; then a full decode in which any decoder warning (e.g. a truncated JPEG, which the
 * JDK would otherwise fill with grey) or error counts as corrupt, and the decoded size must match
 * the header. Each refusal is a typed error. Stateless and thread-safe.
 */
final class AvatarImage {
    static final int SIZE = 128;
    static final String MIME_TYPE = "image/png";
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    static {
        ImageIO.setUseCache(false); // decode in memory: no temporary files
    }

    private AvatarImage() {}

    /** The normalised avatar: its hash (the address) and PNG bytes. */
    record Normalised(String hash, byte[] png) {}

    static Normalised normalise(byte[] bytes, int maxBytes, int maxSide) {
        if (bytes.length == 0) throw MagpieException.badRequest("social.avatar.not_image");
        if (bytes.length > maxBytes) throw MagpieException.tooLarge("social.avatar.too_many_bytes", maxBytes / 1024);
        String format = format(bytes);
        if (format == null) throw MagpieException.badRequest("social.avatar.not_image");
        BufferedImage image = decode(bytes, format, maxSide);
        byte[] png = encode(scale(image));
        return new Normalised(sha256(png), png);
    }

    private static String format(byte[] b) {
        if (b.length >= PNG_MAGIC.length && java.util.Arrays.equals(b, 0, PNG_MAGIC.length, PNG_MAGIC, 0, PNG_MAGIC.length)) {
            return "png";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) return "jpeg";
        return null;
    }

    private static BufferedImage decode(byte[] bytes, String format, int maxSide) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) throw new IllegalStateException("no ImageIO reader for " + format);
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);   // header only: nothing decoded yet
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) throw MagpieException.badRequest("social.avatar.corrupt");
            if (width > maxSide || height > maxSide) {
                throw MagpieException.tooLarge("social.avatar.too_many_pixels", maxSide, width, height);
            }
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            if (image == null || !warnings.isEmpty() || image.getWidth() != width || image.getHeight() != height) {
                throw MagpieException.badRequest("social.avatar.corrupt");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MagpieException m) throw m;
            throw MagpieException.badRequest("social.avatar.corrupt");
        } finally {
            reader.dispose();
        }
    }

    /** The centre square, scaled to SIZE x SIZE in halving steps (smooth, and cheap for small inputs). */
    private static BufferedImage scale(BufferedImage source) {
        int side = Math.min(source.getWidth(), source.getHeight());
        int x = (source.getWidth() - side) / 2;
        int y = (source.getHeight() - side) / 2;
        BufferedImage current = draw(source, x, y, side, side, side);
        while (side / 2 >= SIZE) {
            side /= 2;
            current = draw(current, 0, 0, current.getWidth(), current.getHeight(), side);
        }
        return side == SIZE ? current : draw(current, 0, 0, current.getWidth(), current.getHeight(), SIZE);
    }

    private static BufferedImage draw(BufferedImage src, int x, int y, int w, int h, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, size, size, x, y, x + w, y + h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer");
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PNG in memory", e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
