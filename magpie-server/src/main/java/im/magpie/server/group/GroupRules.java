package im.magpie.server.group;

import im.magpie.protocol.Limits;
import im.magpie.server.dispatch.MagpieException;

/** Rules for group names and announcements; each check throws BAD_REQUEST with the reason. */
final class GroupRules {
    private GroupRules() {}

    /**
     * 1-40 characters (code points) of any script, at least one visible, no control characters or
     * line separators, trimmed.
     */
    static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > Limits.GROUP_NAME_MAX_CHARS || hasControl(name)
                || im.magpie.server.account.Credentials.isInvisible(name)) {
            throw MagpieException.badRequest("group.name.invalid", Limits.GROUP_NAME_MAX_CHARS);
        }
        return name;
    }

    /** Up to 500 characters; line breaks allowed, other control characters not. */
    static String announcement(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.codePointCount(0, text.length()) > Limits.GROUP_ANNOUNCEMENT_MAX_CHARS
                || text.codePoints().anyMatch(cp -> cp != '\n' && cp != '\r' && cp != '\t' && isControl(cp))) {
            throw MagpieException.badRequest("group.announcement.invalid", Limits.GROUP_ANNOUNCEMENT_MAX_CHARS);
        }
        return text;
    }

    static boolean hasControl(String s) {
        return s.codePoints().anyMatch(GroupRules::isControl);
    }

    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (type == Character.FORMAT && cp != 0x200D);
    }
}
