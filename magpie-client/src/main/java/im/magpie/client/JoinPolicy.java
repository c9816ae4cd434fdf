package im.magpie.client;

/** How people get into a group. */
public enum JoinPolicy {
    /** Only by invitation; the invitee accepts. */
    INVITE_ONLY,
    /** A join request an admin approves. */
    APPROVAL,
    /** Anyone may join directly. */
    OPEN
}
