package im.magpie.server.group;

/**
 * A group as stored.
 *
 * @param ownerId 0 for the lobby, which the server owns (nobody can dissolve or manage it)
 */
public record Group(long groupId, String name, String announcement, String avatarHash, long ownerId,
                    JoinPolicy joinPolicy, boolean privateChatAllowed, boolean lobby, int memberCount,
                    long createdMs) {

    /** Private groups are invisible to non-members who have no invitation. */
    public boolean isPrivate() {
        return joinPolicy == JoinPolicy.INVITE_ONLY;
    }
}
