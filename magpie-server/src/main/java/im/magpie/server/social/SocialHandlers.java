package im.magpie.server.social;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.server.dispatch.Access;
import im.magpie.server.dispatch.Call;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.dispatch.Responses;
import im.magpie.server.dispatch.Routes;
import im.magpie.server.cluster.Router;
import im.magpie.server.session.DeviceRef;

/** Wire handlers of profiles, friends, requests and presence: decode, call the service, encode. */
final class SocialHandlers {
    private final Profiles profiles;
    private final FriendRequests requests;
    private final Friends friends;
    private final Presence presence;

    private final Router router;

    SocialHandlers(Profiles profiles, FriendRequests requests, Friends friends, Presence presence, Router router) {
        this.router = router;
        this.profiles = profiles;
        this.requests = requests;
        this.friends = friends;
        this.presence = presence;
    }

    /** The device that made the request (services skip it when they tell the user's other devices). */
    private DeviceRef origin(Call call) {
        return router.device(call.connection());
    }

    void register(Routes routes) {
        Access auth = Access.AUTHENTICATED;
        // profiles and status
        routes.blocking(Frame.BodyCase.UPDATE_PROFILE, auth, this::onUpdateProfile)
                .blocking(Frame.BodyCase.SET_AVATAR, auth, call -> Frame.newBuilder().setProfile(
                        profiles.setAvatar(call.userId(), call.frame().getSetAvatar().getImage().toByteArray(), origin(call))))
                .blocking(Frame.BodyCase.GET_AVATAR, auth, call -> Frame.newBuilder().setAvatar(
                        profiles.avatar(call.userId(), call.frame().getGetAvatar().getAvatarHash())))
                .blocking(Frame.BodyCase.GET_PROFILE, auth, call -> {
                    var req = call.frame().getGetProfile();
                    return Frame.newBuilder().setProfile(profiles.get(call.userId(), req.getUserId(), req.getUsername()));
                })
                .blocking(Frame.BodyCase.SEARCH_USERS, auth, call -> {
                    var req = call.frame().getSearchUsers();
                    return Frame.newBuilder().setUserList(profiles.search(call.userId(), req.getQuery(), req.getLimit()));
                })
                .blocking(Frame.BodyCase.SET_STATUS, auth, this::onSetStatus);
        // friend requests
        routes.blocking(Frame.BodyCase.SEND_FRIEND_REQUEST, auth, call -> {
                    var req = call.frame().getSendFriendRequest();
                    return Frame.newBuilder().setFriendRequest(requests.send(call.userId(),
                            req.hasUserId() ? req.getUserId() : 0, req.getUsername(), req.getNote()));
                })
                .blocking(Frame.BodyCase.LIST_FRIEND_REQUESTS, auth, call ->
                        Frame.newBuilder().setFriendRequestList(requests.list(call.userId())))
                .blocking(Frame.BodyCase.ANSWER_FRIEND_REQUEST, auth, call -> {
                    var req = call.frame().getAnswerFriendRequest();
                    return Frame.newBuilder().setFriendRequest(requests.answer(call.userId(), req.getRequestId(), req.getAccept()));
                })
                .blocking(Frame.BodyCase.CANCEL_FRIEND_REQUEST, auth, call -> Frame.newBuilder().setFriendRequest(
                        requests.cancel(call.userId(), call.frame().getCancelFriendRequest().getRequestId())));
        // friends, blocks, categories, remarks
        routes.blocking(Frame.BodyCase.LIST_FRIENDS, auth, call -> Frame.newBuilder().setFriendList(friends.list(call.userId())))
                .blocking(Frame.BodyCase.REMOVE_FRIEND, auth, call -> {
                    friends.remove(call.userId(), call.frame().getRemoveFriend().getUserId());
                    return Responses.ok();
                })
                .blocking(Frame.BodyCase.BLOCK_USER, auth, call -> {
                    friends.block(call.userId(), call.frame().getBlockUser().getUserId(), origin(call));
                    return Responses.ok();
                })
                .blocking(Frame.BodyCase.UNBLOCK_USER, auth, call -> {
                    friends.unblock(call.userId(), call.frame().getUnblockUser().getUserId(), origin(call));
                    return Responses.ok();
                })
                .blocking(Frame.BodyCase.CREATE_CATEGORY, auth, call -> Frame.newBuilder().setCategory(
                        friends.createCategory(call.userId(), call.frame().getCreateCategory().getName(), origin(call))))
                .blocking(Frame.BodyCase.RENAME_CATEGORY, auth, call -> {
                    var req = call.frame().getRenameCategory();
                    return Frame.newBuilder().setCategory(
                            friends.renameCategory(call.userId(), req.getCategoryId(), req.getName(), origin(call)));
                })
                .blocking(Frame.BodyCase.DELETE_CATEGORY, auth, call -> {
                    friends.deleteCategory(call.userId(), call.frame().getDeleteCategory().getCategoryId(), origin(call));
                    return Responses.ok();
                })
                .blocking(Frame.BodyCase.MOVE_FRIEND, auth, call -> {
                    var req = call.frame().getMoveFriend();
                    friends.moveFriend(call.userId(), req.getUserId(), req.getCategoryId(), origin(call));
                    return Responses.ok();
                })
                .blocking(Frame.BodyCase.SET_REMARK, auth, call -> {
                    var req = call.frame().getSetRemark();
                    friends.setRemark(call.userId(), req.getUserId(), req.getRemark(), origin(call));
                    return Responses.ok();
                });
    }

    private Frame.Builder onUpdateProfile(Call call) {
        var req = call.frame().getUpdateProfile();
        return Frame.newBuilder().setProfile(profiles.update(call.userId(),
                req.hasNickname() ? req.getNickname() : null,
                req.hasSignature() ? req.getSignature() : null,
                origin(call)));
    }

    private Frame.Builder onSetStatus(Call call) {
        PresenceStatus status = call.frame().getSetStatus().getStatus();
        switch (status) {
            case ONLINE, AWAY, BUSY, INVISIBLE -> presence.setStatus(call.userId(), status, origin(call));
            default -> throw MagpieException.badRequest("social.status.invalid");
        }
        return Responses.ok();
    }
}
