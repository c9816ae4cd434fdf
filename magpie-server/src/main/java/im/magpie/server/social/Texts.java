package im.magpie.server.social;

import im.magpie.server.dispatch.MagpieException;

/** Checks of short texts from the network (notes, names, remarks); each failure is BAD_REQUEST. */
final class Texts {
    private Texts() {}

    /**
     * The text stripped, if it has {@code min}..{@code max} characters (code points) and no control
     * characters (newlines only if {@code newlines}); otherwise BAD_REQUEST with {@code key}.
     */
    static String check(String raw, int min, int max, boolean newlines, String key) {
        String text = raw == null ? "" : raw.strip();
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max || hasControl(text, newlines)) {
            throw MagpieException.badRequest(key, max);
        }
        return text;
    }

    private static boolean hasControl(String s, boolean newlines) {
        return s.codePoints().anyMatch(cp -> {
            if (newlines && cp == '\n') return false;
            int type = Character.getType(cp);
            return type == Character.CONTROL || (type == Character.FORMAT && cp != 0x200D);
        });
    }
}
