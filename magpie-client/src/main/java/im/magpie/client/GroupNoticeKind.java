package im.magpie.client;

/** What happened in a group ({@link MessengerEvent.GroupNotice}). */
public enum GroupNoticeKind {
    /** The group was created (actor: the creator). */
    GROUP_CREATED,
    /** Subject joined (actor: who let them in, or the subject). */
    MEMBER_JOINED,
    /** Subject left. */
    MEMBER_LEFT,
    /** Actor removed subject. */
    MEMBER_REMOVED,
    /** Actor dissolved the group. */
    GROUP_DISSOLVED,
    /** Actor made subject an admin. */
    ADMIN_GRANTED,
    /** Actor took subject's admin role away. */
    ADMIN_REVOKED,
    /** Subject is the new owner (actor: the old one). */
    OWNER_CHANGED,
    /** Actor changed the group's name, announcement or settings. */
    GROUP_UPDATED,
    /** Actor invited this account (the subject): an invitation to answer. */
    INVITED,
    /** Actor asks to join (to admins; text: the note). */
    JOIN_REQUESTED,
    /** Actor rejected this account's join request. */
    JOIN_REJECTED,
    /** A kind this version does not know. */
    OTHER
}
