package im.magpie.cli.group;

import im.magpie.cli.json.ProfileJson;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupMember;
import im.magpie.protocol.proto.GroupRole;
import java.util.List;

/** {@code --json} shapes of the group commands. */
final class GroupJson {
    private GroupJson() {}

    /** One group; {@code myRole} is null when the caller is not a member. */
    record Group(long groupId, String name, String announcement, long ownerId, String joinPolicy,
                 boolean privateChatAllowed, int memberCount, int onlineCount, String myRole, boolean lobby,
                 long createdMs) {
        static Group of(GroupInfo g) {
            return new Group(g.getGroupId(), g.getName(), g.getAnnouncement(), g.getOwnerId(), g.getJoinPolicy().name(),
                    g.getPrivateChatAllowed(), g.getMemberCount(), g.getOnlineCount(), GroupJson.role(g.getMyRole()), g.getIsLobby(),
                    g.getCreatedMs());
        }
    }

    record Member(ProfileJson profile, String role, long joinedMs) {
        static Member of(GroupMember m) {
            return new Member(ProfileJson.of(m.getProfile()), GroupJson.role(m.getRole()), m.getJoinedMs());
        }
    }

    record Members(long groupId, int onlineCount, List<Member> members) {}

    static String role(GroupRole role) {
        return role == GroupRole.GROUP_ROLE_UNSPECIFIED ? null : role.name();
    }
}
