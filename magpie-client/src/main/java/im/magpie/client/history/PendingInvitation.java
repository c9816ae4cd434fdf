package im.magpie.client.history;

/**
 * A group invitation not answered yet, as cached from the inbox.
 *
 * @param groupId the group
 * @param invitedBy who invited this account
 * @param timeMs when
 */
public record PendingInvitation(long groupId, long invitedBy, long timeMs) {}
