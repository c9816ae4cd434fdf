package im.magpie.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationOrderTest {
    private static ConversationSummary row(String title, long time, int unread) {
        return new ConversationSummary(ChatKey.user(title.length() + time), title, "", false, time, unread, false);
    }

    @Test
    void the_most_recent_conversation_comes_first_and_ties_go_by_title() {
        List<ConversationSummary> sorted = ConversationOrder.sort(List.of(
                row("old", 100, 0), row("newest", 300, 2), row("b", 200, 0), row("a", 200, 1)));
        assertThat(sorted).extracting(ConversationSummary::title).containsExactly("newest", "a", "b", "old");
    }

    @Test
    void unread_counts_add_up_over_all_conversations() {
        assertThat(ConversationOrder.totalUnread(List.of(row("a", 1, 3), row("b", 2, 0), row("c", 3, 4)))).isEqualTo(7);
        assertThat(ConversationOrder.totalUnread(List.of())).isZero();
    }
}
