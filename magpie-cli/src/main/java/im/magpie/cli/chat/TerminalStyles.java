package im.magpie.cli.chat;

import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** How `magpie chat` styles its lines: emphasis, presence colours, and search matches. */
final class TerminalStyles {
    /** Marks around a match in a search snippet (control characters: never typed in a message). */
    static final String MATCH_START = "\u0001";
    static final String MATCH_END = "\u0002";

    private TerminalStyles() {}

    static AttributedStyle bold() {
        return AttributedStyle.BOLD;
    }

    static AttributedStyle faint() {
        return AttributedStyle.DEFAULT.faint();
    }

    static AttributedStyle presence(String presence) {
        return switch (presence) {
            case "ONLINE" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
            case "AWAY", "BUSY" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
            default -> AttributedStyle.DEFAULT.faint();
        };
    }

    /**
     * Appends a snippet whose matches sit between {@link #MATCH_START} and {@link #MATCH_END}:
     * in yellow with colour, in [brackets] without.
     */
    static void appendHighlighted(AttributedStringBuilder b, String snippet, boolean colour) {
        int i = 0;
        while (i < snippet.length()) {
            int start = snippet.indexOf(MATCH_START, i);
            if (start < 0) {
                b.append(snippet.substring(i));
                break;
            }
            int end = snippet.indexOf(MATCH_END, start);
            end = end < 0 ? snippet.length() : end;
            b.append(snippet.substring(i, start));
            String match = snippet.substring(start + 1, end);
            if (colour) {
                b.styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW).bold(), match);
            } else {
                b.append("[").append(match).append("]");
            }
            i = end + 1;
        }
    }
}
