package im.magpie.server.group;

/**
 * A group as one caller may see it.
 *
 * @param myRole      null when the caller is not a member
 * @param publicOnly  true for a non-member: only the public facts (no owner, no online count)
 * @param onlineCount members online now (0 when {@code publicOnly})
 */
public record GroupView(Group group, GroupRole myRole, boolean publicOnly, int onlineCount) {}
