package im.magpie.server.message;

import im.magpie.server.dispatch.MagpieException;
import java.util.List;
import java.util.Set;

/**
 * What messaging needs to know about groups; the groups feature implements it and hands it to the
 * messaging feature at assembly ({@link #NONE} until then). Blocking; called from worker threads
 * or the messaging writer, never from an event loop.
 */
public interface GroupDirectory {

    /**
     * The members who receive a message {@code senderId} posts to {@code groupId}, the sender
     * included. Throws {@link MagpieException} NOT_FOUND for no such group, FORBIDDEN if the sender
     * may not post there (not a member).
     */
    List<Long> membersForPost(long groupId, long senderId);

    /**
     * The members a message's text mentions ({@code @nickname}), plus everyone for {@code @all}
     * (which only owner and admins may use: FORBIDDEN otherwise).
     */
    Set<Long> resolveMentions(long groupId, long senderId, String text, boolean mentionAll);

    /** True if both are members of the group and it allows a private word between members. */
    boolean allowsPrivateWord(long groupId, long senderId, long recipientId);

    /**
     * From when {@code userId} may read the group's history (epoch ms of joining); FORBIDDEN if not
     * a member, NOT_FOUND if no such group.
     */
    long memberSinceMs(long groupId, long userId);

    /** No groups on this server (yet). */
    GroupDirectory NONE = new GroupDirectory() {
        @Override
        public List<Long> membersForPost(long groupId, long senderId) {
            throw MagpieException.notFound("message.group.not_found");
        }

        @Override
        public Set<Long> resolveMentions(long groupId, long senderId, String text, boolean mentionAll) {
            return Set.of();
        }

        @Override
        public boolean allowsPrivateWord(long groupId, long senderId, long recipientId) {
            return false;
        }

        @Override
        public long memberSinceMs(long groupId, long userId) {
            throw MagpieException.notFound("message.group.not_found");
        }
    };
}
