package im.magpie.server.logging;

/**
 * Makes a value from the network safe to put in a log line: every character that could end the
 * line or hide text (C0 and C1 controls, DEL, the Unicode line and paragraph separators, bidi
 * overrides and other format characters) becomes a visible escape ({@code \n}, {@code \u2028}),
 * so a username such as {@code "ghost\n2026-... INFO login user=admin"} stays on its own line and
 * cannot forge another. Long values are cut. Every log call that carries a username, client or
 * device name, nickname or error detail received from a client goes through {@link #escape}.
 */
public final class LogText {
    /** Longest escaped value written; the rest is replaced by "...". */
    public static final int MAX_CHARS = 256;

    private LogText() {}

    /** The value with unsafe characters escaped; "null" for null. */
    public static String escape(Object value) {
        if (value == null) return "null";
        String s = value.toString();
        StringBuilder out = null;
        int limit = Math.min(s.length(), MAX_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (isSafe(c)) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(limit + 16).append(s, 0, i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        String result = out == null ? s.substring(0, limit) : out.toString();
        return s.length() > MAX_CHARS ? result + "..." : result;
    }

    private static boolean isSafe(char c) {
        if (c >= 0x20 && c < 0x7F) return true;
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.FORMAT;
    }
}
