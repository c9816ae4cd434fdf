package im.magpie.server.group;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupList;
import im.magpie.protocol.proto.GroupMember;
import im.magpie.protocol.proto.MemberList;
import im.magpie.server.account.AccountProtos;
import im.magpie.server.dispatch.Access;
import im.magpie.server.dispatch.Call;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.dispatch.Responses;
import im.magpie.server.dispatch.Routes;
import im.magpie.server.dispatch.ServerText;
import java.util.List;
import java.util.Locale;

/** Wire handlers of the groups feature: decode, call {@link GroupService}, encode. */
final class GroupHandlers {
    private final GroupService groups;
    private final MemberWatch watch;
    private final MemberPresenceSource presence;

    /** Checks and stores a group's picture like a user's avatar; returns its hash (the social feature's). */
    private final java.util.function.BiFunction<Long, byte[], String> pictures;

    /** @param pictures checks and stores a picture uploaded by a user (id, bytes) and returns its hash */
    GroupHandlers(GroupService groups, MemberWatch watch, MemberPresenceSource presence,
                  java.util.function.BiFunction<Long, byte[], String> pictures) {
        this.pictures = pictures;
        this.groups = groups;
        this.watch = watch;
        this.presence = presence;
    }

    void register(Routes routes) {
        routes.blocking(Frame.BodyCase.CREATE_GROUP, Access.AUTHENTICATED, this::onCreate)
                .blocking(Frame.BodyCase.LIST_GROUPS, Access.AUTHENTICATED, this::onList)
                .blocking(Frame.BodyCase.GET_GROUP, Access.AUTHENTICATED, this::onGet)
                .blocking(Frame.BodyCase.UPDATE_GROUP, Access.AUTHENTICATED, this::onUpdate)
                .blocking(Frame.BodyCase.LIST_MEMBERS, Access.AUTHENTICATED, this::onListMembers)
                .blocking(Frame.BodyCase.INVITE_TO_GROUP, Access.AUTHENTICATED, this::onInvite)
                .blocking(Frame.BodyCase.ANSWER_GROUP_INVITATION, Access.AUTHENTICATED, this::onAnswerInvitation)
                .blocking(Frame.BodyCase.JOIN_GROUP, Access.AUTHENTICATED, this::onJoin)
                .blocking(Frame.BodyCase.ANSWER_JOIN_REQUEST, Access.AUTHENTICATED, this::onAnswerJoinRequest)
                .blocking(Frame.BodyCase.LEAVE_GROUP, Access.AUTHENTICATED, this::onLeave)
                .blocking(Frame.BodyCase.REMOVE_MEMBER, Access.AUTHENTICATED, this::onRemove)
                .blocking(Frame.BodyCase.SET_ADMIN, Access.AUTHENTICATED, this::onSetAdmin)
                .blocking(Frame.BodyCase.TRANSFER_OWNERSHIP, Access.AUTHENTICATED, this::onTransfer)
                .blocking(Frame.BodyCase.DISSOLVE_GROUP, Access.AUTHENTICATED, this::onDissolve)
                .blocking(Frame.BodyCase.WATCH_MEMBERS, Access.AUTHENTICATED, this::onWatch);
    }

    private Frame.Builder onCreate(Call call) {
        var req = call.frame().getCreateGroup();
        // The picture is checked (and stored, content-addressed) before anything else changes.
        String avatar = req.getAvatar().isEmpty() ? "" : pictures.apply(call.userId(), req.getAvatar().toByteArray());
        GroupView view = groups.create(call.userId(), req.getName(), req.getAnnouncement(), policy(req.getJoinPolicy(), true),
                !req.getPrivateChatDisabled(), req.getInviteUserIdsList(), avatar);
        return info(view, call);
    }

    private Frame.Builder onList(Call call) {
        GroupList.Builder list = GroupList.newBuilder();
        for (GroupView v : groups.list(call.userId())) list.addGroups(toProto(v, call.connection().locale()));
        return Frame.newBuilder().setGroupList(list);
    }

    private Frame.Builder onGet(Call call) {
        return info(groups.get(call.userId(), call.frame().getGetGroup().getGroupId()), call);
    }

    private Frame.Builder onUpdate(Call call) {
        var req = call.frame().getUpdateGroup();
        GroupView view = groups.update(call.userId(), req.getGroupId(),
                req.hasName() ? req.getName() : null,
                req.hasAnnouncement() ? req.getAnnouncement() : null,
                req.hasJoinPolicy() ? policy(req.getJoinPolicy(), false) : null,
                req.hasPrivateChatAllowed() ? req.getPrivateChatAllowed() : null,
                req.hasAvatar() ? pictures.apply(call.userId(), req.getAvatar().toByteArray()) : null);
        return info(view, call);
    }

    private Frame.Builder onListMembers(Call call) {
        long groupId = call.frame().getListMembers().getGroupId();
        return Frame.newBuilder().setMemberList(memberList(groupId, groups.members(call.userId(), groupId)));
    }

    private Frame.Builder onInvite(Call call) {
        var req = call.frame().getInviteToGroup();
        groups.invite(call.userId(), req.getGroupId(), req.getUserId());
        return Responses.ok();
    }

    private Frame.Builder onAnswerInvitation(Call call) {
        var req = call.frame().getAnswerGroupInvitation();
        GroupView view = groups.answerInvitation(call.userId(), req.getGroupId(), req.getAccept());
        return view == null ? Responses.ok() : info(view, call);
    }

    private Frame.Builder onJoin(Call call) {
        var req = call.frame().getJoinGroup();
        return info(groups.requestToJoin(call.userId(), req.getGroupId(), req.getNote()), call);
    }

    private Frame.Builder onAnswerJoinRequest(Call call) {
        var req = call.frame().getAnswerJoinRequest();
        groups.answerJoinRequest(call.userId(), req.getGroupId(), req.getUserId(), req.getApprove());
        return Responses.ok();
    }

    private Frame.Builder onLeave(Call call) {
        groups.leave(call.userId(), call.frame().getLeaveGroup().getGroupId());
        return Responses.ok();
    }

    private Frame.Builder onRemove(Call call) {
        var req = call.frame().getRemoveMember();
        groups.remove(call.userId(), req.getGroupId(), req.getUserId());
        return Responses.ok();
    }

    private Frame.Builder onSetAdmin(Call call) {
        var req = call.frame().getSetAdmin();
        groups.setAdmin(call.userId(), req.getGroupId(), req.getUserId(), req.getAdmin());
        return Responses.ok();
    }

    private Frame.Builder onTransfer(Call call) {
        var req = call.frame().getTransferOwnership();
        groups.transfer(call.userId(), req.getGroupId(), req.getUserId());
        return Responses.ok();
    }

    private Frame.Builder onDissolve(Call call) {
        groups.dissolve(call.userId(), call.frame().getDissolveGroup().getGroupId());
        return Responses.ok();
    }

    /** Watching answers the current member list (so nothing is missed between list and watch). */
    private Frame.Builder onWatch(Call call) {
        var req = call.frame().getWatchMembers();
        if (!req.getWatch()) {
            watch.unwatch(call.userId(), req.getGroupId());
            return Responses.ok();
        }
        watch.watch(call.userId(), req.getGroupId());
        return Frame.newBuilder().setMemberList(memberList(req.getGroupId(), groups.members(call.userId(), req.getGroupId())));
    }

    private MemberList.Builder memberList(long groupId, List<MemberView> members) {
        MemberList.Builder list = MemberList.newBuilder().setGroupId(groupId);
        int online = 0;
        for (MemberView m : members) {
            var status = presence.of(m.user().userId());
            if (presence.isOnline(m.user().userId())) online++;
            list.addMembers(GroupMember.newBuilder()
                    .setProfile(AccountProtos.profile(m.user()).setPresence(status))
                    .setRole(role(m.role()))
                    .setJoinedMs(m.joinedMs()));
        }
        return list.setOnlineCount(online);
    }

    private static JoinPolicy policy(im.magpie.protocol.proto.JoinPolicy wire, boolean unspecifiedAllowed) {
        return switch (wire) {
            case INVITE_ONLY -> JoinPolicy.INVITE_ONLY;
            case APPROVAL -> JoinPolicy.APPROVAL;
            case OPEN -> JoinPolicy.OPEN;
            case JOIN_POLICY_UNSPECIFIED -> {
                if (unspecifiedAllowed) yield null;
                throw MagpieException.badRequest("group.policy.invalid");
            }
            case UNRECOGNIZED -> throw MagpieException.badRequest("group.policy.invalid");
        };
    }

    static im.magpie.protocol.proto.GroupRole role(GroupRole role) {
        if (role == null) return im.magpie.protocol.proto.GroupRole.GROUP_ROLE_UNSPECIFIED;
        return switch (role) {
            case MEMBER -> im.magpie.protocol.proto.GroupRole.MEMBER;
            case ADMIN -> im.magpie.protocol.proto.GroupRole.ADMIN;
            case OWNER -> im.magpie.protocol.proto.GroupRole.OWNER;
        };
    }

    private static Frame.Builder info(GroupView view, Call call) {
        return Frame.newBuilder().setGroupInfo(toProto(view, call.connection().locale()));
    }

    /** A group as the wire shows it; the lobby's name in the caller's language. */
    static GroupInfo.Builder toProto(GroupView v, Locale locale) {
        Group g = v.group();
        GroupInfo.Builder info = GroupInfo.newBuilder()
                .setGroupId(g.groupId())
                .setName(g.lobby() ? ServerText.render("group.lobby.name", locale) : g.name())
                .setAnnouncement(g.announcement())
                .setAvatarHash(g.avatarHash())
                .setJoinPolicy(im.magpie.protocol.proto.JoinPolicy.forNumber(g.joinPolicy().code()))
                .setPrivateChatAllowed(g.privateChatAllowed())
                .setMemberCount(g.memberCount())
                .setCreatedMs(g.createdMs())
                .setIsLobby(g.lobby())
                .setMyRole(role(v.myRole()));
        if (!v.publicOnly()) info.setOwnerId(g.ownerId()).setOnlineCount(v.onlineCount());
        return info;
    }
}
