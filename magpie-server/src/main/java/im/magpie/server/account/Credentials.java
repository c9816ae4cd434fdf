package im.magpie.server.account;

import im.magpie.protocol.Limits;
import im.magpie.server.dispatch.MagpieException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Rules for usernames, nicknames and passwords; each check throws BAD_REQUEST with the reason. */
public final class Credentials {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{" + Limits.USERNAME_MIN_CHARS + ","
            + Limits.USERNAME_MAX_CHARS + "}");

    private Credentials() {}

    /**
     * The canonical (lower-case) form of a username, checked. Only ASCII is accepted <em>before</em>
     * lower-casing: Java lower-cases the Kelvin sign U+212A to "k" (and other look-alikes to ASCII),
     * so "\u212Aevin" would silently become "kevin"; it is refused instead.
     */
    public static String username(String raw) {
        return loginName(raw).orElseThrow(() ->
                MagpieException.badRequest("account.username.invalid", Limits.USERNAME_MIN_CHARS, Limits.USERNAME_MAX_CHARS));
    }

    /** The canonical username for a login, or empty if no account can have this name. */
    public static java.util.Optional<String> loginName(String raw) {
        String trimmed = raw == null ? "" : raw.trim();
        for (int i = 0; i < trimmed.length(); i++) {
            if (trimmed.charAt(i) >= 0x80) return java.util.Optional.empty();
        }
        String canonical = trimmed.toLowerCase(Locale.ROOT);
        return USERNAME.matcher(canonical).matches() ? java.util.Optional.of(canonical) : java.util.Optional.empty();
    }

    /**
     * A display name: 1-32 characters of any script, no control characters or line separators,
     * trimmed, and at least one visible character (not only zero-width, format, blank or
     * combining characters: an invisible name lets someone pass for nobody, or for anybody).
     */
    public static String nickname(String raw) {
        String nickname = raw == null ? "" : raw.strip();
        int length = nickname.codePointCount(0, nickname.length());
        if (length < 1 || length > Limits.NICKNAME_MAX_CHARS || hasControl(nickname) || isInvisible(nickname)) {
            throw MagpieException.badRequest("account.nickname.invalid", Limits.NICKNAME_MAX_CHARS);
        }
        return nickname;
    }

    public static void password(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < Limits.PASSWORD_MIN_CHARS || length > Limits.PASSWORD_MAX_CHARS) {
            throw MagpieException.badRequest("account.password.invalid", Limits.PASSWORD_MIN_CHARS, Limits.PASSWORD_MAX_CHARS);
        }
    }

    public static String deviceName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) return "unknown device";
        if (name.codePointCount(0, name.length()) > Limits.DEVICE_NAME_MAX_CHARS || hasControl(name)) {
            throw MagpieException.badRequest("account.device.invalid", Limits.DEVICE_NAME_MAX_CHARS);
        }
        return name;
    }

    static boolean hasControl(String s) {
        return s.codePoints().anyMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.FORMAT && cp != 0x200D; // allow emoji joiners
        });
    }

    /** True if no character of {@code s} shows: all blank, zero-width, format, combining or filler. */
    public static boolean isInvisible(String s) {
        return s.codePoints().allMatch(Credentials::isInvisible);
    }

    private static boolean isInvisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) return true;
        return switch (Character.getType(cp)) {
            case Character.FORMAT, Character.CONTROL, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            // Hangul fillers and the blank Braille pattern are letters/symbols that draw nothing.
            default -> cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
        };
    }
}
