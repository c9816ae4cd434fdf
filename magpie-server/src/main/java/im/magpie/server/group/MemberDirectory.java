package im.magpie.server.group;

import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.message.GroupDirectory;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What messaging asks about groups, answered from the member tables. Every call reads the current
 * membership, so a member removed a moment ago gets nothing of the next message, and a member who
 * joined gets everything from their join on. (A message whose fan-out was computed just before a
 * removal committed may still reach the removed member: the two are not serialised.)
 */
final class MemberDirectory implements GroupDirectory {
    private final Jdbi jdbi;
    private final GroupStore store;

    MemberDirectory(Jdbi jdbi, GroupStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    @Override
    public List<Long> membersForPost(long groupId, long senderId) {
        return jdbi.withHandle(h -> {
            List<Long> members = store.memberIds(h, groupId);
            if (!members.contains(senderId)) throw notMember(h, groupId);
            return members;
        });
    }

    @Override
    public Set<Long> resolveMentions(long groupId, long senderId, String text, boolean mentionAll) {
        return jdbi.withHandle(h -> {
            Member sender = store.member(h, groupId, senderId).orElseThrow(() -> notMember(h, groupId));
            Set<Long> mentioned = new HashSet<>();
            if (mentionAll) {
                if (!sender.role().isAdmin()) throw MagpieException.forbidden("group.mention_all.admin_only");
                mentioned.addAll(store.memberIds(h, groupId));
            } else if (text != null && text.indexOf('@') >= 0) {
                String lower = text.toLowerCase(Locale.ROOT);
                for (String[] m : store.memberNames(h, groupId)) {
                    if (mentions(text, m[2]) || mentions(lower, m[1])) mentioned.add(Long.parseLong(m[0]));
                }
            }
            mentioned.remove(senderId);
            return mentioned;
        });
    }

    /** True if {@code text} contains "@" + name not followed by a letter or digit. */
    static boolean mentions(String text, String name) {
        if (name == null || name.isEmpty()) return false;
        String needle = "@" + name;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            int end = at + needle.length();
            if (end >= text.length() || !Character.isLetterOrDigit(text.codePointAt(end))) return true;
        }
        return false;
    }

    @Override
    public boolean allowsPrivateWord(long groupId, long senderId, long recipientId) {
        if (senderId == recipientId) return false;
        return jdbi.withHandle(h -> {
            Optional<Group> g = store.find(h, groupId);
            return g.isPresent() && g.get().privateChatAllowed()
                    && store.member(h, groupId, senderId).isPresent()
                    && store.member(h, groupId, recipientId).isPresent();
        });
    }

    @Override
    public long memberSinceMs(long groupId, long userId) {
        return jdbi.withHandle(h -> store.member(h, groupId, userId).orElseThrow(() -> notMember(h, groupId)).joinedMs());
    }

    /** NOT_FOUND for no such group (or a private one), FORBIDDEN for a visible group one is not in. */
    private MagpieException notMember(Handle h, long groupId) {
        Optional<Group> g = store.find(h, groupId);
        if (g.isEmpty() || g.get().isPrivate()) return GroupService.groupNotFound();
        return MagpieException.forbidden("group.not_member");
    }
}
