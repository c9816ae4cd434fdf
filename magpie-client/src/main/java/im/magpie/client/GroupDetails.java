package im.magpie.client;

import im.magpie.client.history.MemberRole;
import java.util.Objects;

/**
 * A group as the server describes it.
 *
 * @param group id and name
 * @param announcement the announcement ({@code ""} for none)
 * @param avatarHash hex SHA-256 of the group's avatar, {@code ""} for none
 * @param owner the owner
 * @param joinPolicy how people get in
 * @param privateChatAllowed whether members who are not friends may write to each other
 * @param memberCount members
 * @param onlineCount members online
 * @param myRole this account's role ({@link MemberRole#NONE} when not a member)
 * @param createdMs when it was created
 * @param lobby whether it is the server's lobby (everyone is a member)
 */
public record GroupDetails(GroupRef group, String announcement, String avatarHash, UserRef owner,
                           JoinPolicy joinPolicy, boolean privateChatAllowed, int memberCount, int onlineCount,
                           MemberRole myRole, long createdMs, boolean lobby) {
    public GroupDetails {
        Objects.requireNonNull(group, "group");
        announcement = Objects.requireNonNullElse(announcement, "");
        avatarHash = Objects.requireNonNullElse(avatarHash, "");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(joinPolicy, "joinPolicy");
        myRole = Objects.requireNonNullElse(myRole, MemberRole.NONE);
    }

    public long groupId() {
        return group.groupId();
    }

    public String name() {
        return group.name();
    }
}
