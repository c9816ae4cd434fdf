package im.magpie.client.internal;

import im.magpie.client.CategoryRecord;
import im.magpie.client.FriendRequestRecord;
import im.magpie.client.GroupDetails;
import im.magpie.client.GroupMember;
import im.magpie.client.GroupMembers;
import im.magpie.client.GroupNoticeKind;
import im.magpie.client.JoinPolicy;
import im.magpie.client.LoginResult;
import im.magpie.client.UserProfile;
import im.magpie.client.UserRef;
import im.magpie.client.history.KnownPerson;
import im.magpie.client.history.MemberRole;
import im.magpie.client.history.Presence;
import im.magpie.protocol.proto.Category;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupRole;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.MemberList;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.Profile;
import java.util.List;

/**
 * Protobuf answers into the public records, the one place (with {@link im.magpie.client.internal.HistoryMappers})
 * where the library's API meets the wire schema. Names not on the wire come from the {@link Directory}.
 */
public final class Records {
    private Records() {}

    public static UserProfile profile(Profile p) {
        return new UserProfile(p.getUserId(), p.getUsername(), p.getNickname(), p.getSignature(), p.getAvatarHash(),
                HistoryMappers.toPresence(p.getPresence()), p.getCreatedMs());
    }

    public static KnownPerson person(Profile p) {
        return new KnownPerson(p.getUserId(), p.getUsername(), p.getNickname(), p.getAvatarHash());
    }

    /** A profile as a name: this account's remark for a friend wins over the nickname. */
    public static UserRef ref(Profile p, Directory names) {
        UserRef known = names.user(p.getUserId());
        return known.named() ? known : profile(p).ref();
    }

    public static FriendRequestRecord friendRequest(FriendRequest r, long selfUserId, Directory names) {
        return new FriendRequestRecord(r.getRequestId(), ref(r.getFrom(), names), ref(r.getTo(), names), r.getNote(),
                state(r.getState()), r.getTo().getUserId() == selfUserId, r.getCreatedMs(), r.getExpiresMs(),
                r.getAnsweredMs());
    }

    public static FriendRequestRecord.State state(im.magpie.protocol.proto.FriendRequestState s) {
        return switch (s) {
            case ACCEPTED -> FriendRequestRecord.State.ACCEPTED;
            case REJECTED -> FriendRequestRecord.State.REJECTED;
            case CANCELLED -> FriendRequestRecord.State.CANCELLED;
            case EXPIRED -> FriendRequestRecord.State.EXPIRED;
            default -> FriendRequestRecord.State.PENDING;
        };
    }

    public static LoginResult login(LoginOk ok, Directory names) {
        long self = ok.getSelf().getUserId();
        return new LoginResult(profile(ok.getSelf()), ok.getSessionId(), ok.getResumeTokenExpiresMs(),
                ok.getLatestSeq(), ok.getPendingFriendRequestsList().stream()
                .map(r -> friendRequest(r, self, names)).toList());
    }

    public static CategoryRecord category(Category c) {
        return new CategoryRecord(c.getCategoryId(), c.getName(), c.getPosition(), c.getIsDefault());
    }

    public static GroupDetails group(GroupInfo g, Directory names) {
        return new GroupDetails(new im.magpie.client.GroupRef(g.getGroupId(), g.getName()), g.getAnnouncement(),
                g.getAvatarHash(), names.user(g.getOwnerId()), joinPolicy(g.getJoinPolicy()),
                g.getPrivateChatAllowed(), g.getMemberCount(), g.getOnlineCount(), role(g.getMyRole()),
                g.getCreatedMs(), g.getIsLobby());
    }

    public static GroupMembers members(MemberList list, Directory names) {
        List<GroupMember> members = list.getMembersList().stream()
                .map(m -> new GroupMember(profile(m.getProfile()), role(m.getRole()), m.getJoinedMs())).toList();
        return new GroupMembers(names.group(list.getGroupId()), members, list.getOnlineCount());
    }

    public static MemberRole role(GroupRole role) {
        return switch (role) {
            case MEMBER -> MemberRole.MEMBER;
            case ADMIN -> MemberRole.ADMIN;
            case OWNER -> MemberRole.OWNER;
            default -> MemberRole.NONE;
        };
    }

    public static JoinPolicy joinPolicy(im.magpie.protocol.proto.JoinPolicy p) {
        return switch (p) {
            case APPROVAL -> JoinPolicy.APPROVAL;
            case OPEN -> JoinPolicy.OPEN;
            default -> JoinPolicy.INVITE_ONLY;
        };
    }

    public static im.magpie.protocol.proto.JoinPolicy wire(JoinPolicy p) {
        return switch (p) {
            case INVITE_ONLY -> im.magpie.protocol.proto.JoinPolicy.INVITE_ONLY;
            case APPROVAL -> im.magpie.protocol.proto.JoinPolicy.APPROVAL;
            case OPEN -> im.magpie.protocol.proto.JoinPolicy.OPEN;
        };
    }

    public static PresenceStatus wire(Presence p) {
        return switch (p) {
            case ONLINE -> PresenceStatus.ONLINE;
            case AWAY -> PresenceStatus.AWAY;
            case BUSY -> PresenceStatus.BUSY;
            case INVISIBLE -> PresenceStatus.INVISIBLE;
            default -> throw new IllegalArgumentException("a status is ONLINE, AWAY, BUSY or INVISIBLE, not " + p);
        };
    }

    public static GroupNoticeKind noticeKind(im.magpie.protocol.proto.GroupNoticeKind k) {
        return switch (k) {
            case MEMBER_JOINED -> GroupNoticeKind.MEMBER_JOINED;
            case MEMBER_LEFT -> GroupNoticeKind.MEMBER_LEFT;
            case MEMBER_REMOVED -> GroupNoticeKind.MEMBER_REMOVED;
            case GROUP_DISSOLVED -> GroupNoticeKind.GROUP_DISSOLVED;
            case ADMIN_GRANTED -> GroupNoticeKind.ADMIN_GRANTED;
            case ADMIN_REVOKED -> GroupNoticeKind.ADMIN_REVOKED;
            case OWNER_CHANGED -> GroupNoticeKind.OWNER_CHANGED;
            case GROUP_UPDATED -> GroupNoticeKind.GROUP_UPDATED;
            case INVITED -> GroupNoticeKind.INVITED;
            case JOIN_REQUESTED -> GroupNoticeKind.JOIN_REQUESTED;
            case JOIN_REJECTED -> GroupNoticeKind.JOIN_REJECTED;
            case GROUP_CREATED -> GroupNoticeKind.GROUP_CREATED;
            default -> GroupNoticeKind.OTHER;
        };
    }
}
