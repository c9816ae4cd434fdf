package im.magpie.cli.group;

import im.magpie.cli.json.ProfileJson;
import im.magpie.client.GroupDetails;
import im.magpie.client.GroupInvitation;
import im.magpie.client.GroupMember;
import im.magpie.client.JoinRequest;
import im.magpie.client.history.MemberRole;
import java.util.List;

/** {@code --json} shapes of the group commands. */
final class GroupJson {
    private GroupJson() {}

    /** One group; {@code myRole} is null when the caller is not a member. */
    record Group(long groupId, String name, String announcement, long ownerId, String owner, String joinPolicy,
                 boolean privateChatAllowed, int memberCount, int onlineCount, String myRole, boolean lobby,
                 long createdMs) {
        static Group of(GroupDetails g) {
            return new Group(g.groupId(), g.name(), g.announcement(), g.owner().userId(), g.owner().displayName(),
                    g.joinPolicy().name(), g.privateChatAllowed(), g.memberCount(), g.onlineCount(), role(g.myRole()),
                    g.lobby(), g.createdMs());
        }
    }

    record Member(ProfileJson profile, String role, long joinedMs) {
        static Member of(GroupMember m) {
            return new Member(ProfileJson.of(m.profile()), GroupJson.role(m.role()), m.joinedMs());
        }
    }

    record Members(long groupId, String group, int onlineCount, List<Member> members) {}

    record Invitation(long groupId, String group, long invitedById, String invitedBy, long timeMs) {
        static Invitation of(GroupInvitation i) {
            return new Invitation(i.group().groupId(), i.group().name(), i.invitedBy().userId(),
                    i.invitedBy().displayName(), i.timeMs());
        }
    }

    record Request(long groupId, String group, long userId, String username, String displayName, String note,
                   long timeMs) {
        static Request of(JoinRequest r) {
            return new Request(r.group().groupId(), r.group().name(), r.requester().userId(), r.requester().username(),
                    r.requester().displayName(), r.note(), r.timeMs());
        }
    }

    record Pending(List<Invitation> invitations, List<Request> joinRequests) {}

    static String role(MemberRole role) {
        return role == MemberRole.NONE ? null : role.name();
    }
}
