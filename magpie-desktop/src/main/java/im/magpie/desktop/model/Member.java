package im.magpie.desktop.model;

/**
 * A member of a group, with presence.
 *
 * @param mentionName what "@" is followed by to mention them: the nickname the server matches
 *     (the username when there is none), not a remark only this account knows
 */
public record Member(long userId, String username, String displayName, String avatarHash, Role role,
                     PresenceState presence, String mentionName) {
    /** The member's role in the group. */
    public enum Role { OWNER, ADMIN, MEMBER }

    public Member withPresence(PresenceState p) {
        return new Member(userId, username, displayName, avatarHash, role, p, mentionName);
    }
}
