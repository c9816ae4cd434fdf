package im.magpie.desktop.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mention autocompletion: the "@name" being typed before the caret, the members it may mean, and
 * the text once one is picked. The server recognises "@" + nickname (or username) in group
 * messages, so that is what is inserted.
 */
public final class Mentions {
    /** Suggestions shown at most. */
    public static final int MAX_SUGGESTIONS = 8;

    private Mentions() {}

    /** The "@..." before the caret: where its "@" is and what follows it. */
    public record Query(int at, String prefix) {}

    /** A picked member's text and where the caret goes. */
    public record Completed(String text, int caret) {}

    /** The mention being typed at {@code caret}: an "@" at the start or after a space, then no space. */
    public static Optional<Query> query(String text, int caret) {
        if (text == null || caret < 1 || caret > text.length()) {
            return Optional.empty();
        }
        for (int i = caret - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                return Optional.empty();
            }
            if (c == '@') {
                boolean starts = i == 0 || Character.isWhitespace(text.charAt(i - 1));
                return starts ? Optional.of(new Query(i, text.substring(i + 1, caret))) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Members other than oneself whose mention name, shown name or username starts with (then contains) the prefix. */
    public static List<Member> candidates(List<Member> members, String prefix, long selfId) {
        String p = prefix.toLowerCase(Locale.ROOT);
        List<Member> others = members.stream().filter(m -> m.userId() != selfId).toList();
        List<Member> starting = others.stream().filter(m -> starts(m, p)).toList();
        List<Member> containing = others.stream().filter(m -> !starts(m, p) && contains(m, p)).toList();
        return java.util.stream.Stream.concat(starting.stream(), containing.stream()).limit(MAX_SUGGESTIONS).toList();
    }

    /** Replaces the "@prefix" of {@code q} with "@name " and puts the caret after it. */
    public static Completed complete(String text, int caret, Query q, Member m) {
        String inserted = "@" + m.mentionName() + " ";
        String next = text.substring(0, q.at()) + inserted + text.substring(caret);
        return new Completed(next, q.at() + inserted.length());
    }

    private static boolean starts(Member m, String p) {
        return lower(m.mentionName()).startsWith(p) || lower(m.displayName()).startsWith(p)
                || lower(m.username()).startsWith(p);
    }

    private static boolean contains(Member m, String p) {
        return lower(m.mentionName()).contains(p) || lower(m.displayName()).contains(p) || lower(m.username()).contains(p);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
