package im.magpie.desktop.model;

/** A member of a group, with presence. */
public record Member(long userId, String username, String displayName, String avatarHash, Role role,
                     PresenceState presence) {
    /** The member's role in the group. */
    public enum Role { OWNER, ADMIN, MEMBER }

    public Member withPresence(PresenceState p) {
        return new Member(userId, username, displayName, avatarHash, role, p);
    }
}
