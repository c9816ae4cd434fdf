package im.magpie.desktop.model;

import java.util.Comparator;
import java.util.List;

/** How the recent-conversations tab orders its rows and counts what is unread. */
public final class ConversationOrder {
    private ConversationOrder() {}

    /** Most recent first; ties by title so the order is stable. */
    public static List<ConversationSummary> sort(List<ConversationSummary> rows) {
        return rows.stream().sorted(Comparator.comparingLong(ConversationSummary::lastActivityMs).reversed()
                .thenComparing(ConversationSummary::title)).toList();
    }

    /** Unread messages over all conversations (the title bar and the tab badge). */
    public static int totalUnread(List<ConversationSummary> rows) {
        return rows.stream().mapToInt(ConversationSummary::unread).sum();
    }
}
