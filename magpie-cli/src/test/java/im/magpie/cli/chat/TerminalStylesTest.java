package im.magpie.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class TerminalStylesTest {
    private static final String S = TerminalStyles.MATCH_START;
    private static final String E = TerminalStyles.MATCH_END;

    @Test
    void without_colour_matches_are_bracketed_and_the_rest_kept() {
        AttributedStringBuilder b = new AttributedStringBuilder();
        TerminalStyles.appendHighlighted(b, "see " + S + "七点" + E + " at the " + S + "gate" + E + ", ok", false);
        assertThat(b.toString()).isEqualTo("see [七点] at the [gate], ok");
    }

    @Test
    void with_colour_the_match_alone_is_styled_and_an_unclosed_match_runs_to_the_end() {
        AttributedStringBuilder b = new AttributedStringBuilder();
        TerminalStyles.appendHighlighted(b, "a " + S + "bc", true);
        AttributedString line = b.toAttributedString();
        assertThat(line.toString()).isEqualTo("a bc");
        assertThat(line.styleAt(0)).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(line.styleAt(2)).isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW).bold());
    }
}
