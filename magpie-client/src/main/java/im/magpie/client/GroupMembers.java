package im.magpie.client;

import java.util.List;
import java.util.Objects;

/**
 * A group's member list.
 *
 * @param group the group
 * @param members every member, owner and admins first
 * @param onlineCount members online now
 */
public record GroupMembers(GroupRef group, List<GroupMember> members, int onlineCount) {
    public GroupMembers {
        Objects.requireNonNull(group, "group");
        members = List.copyOf(members);
    }
}
