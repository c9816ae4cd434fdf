package im.magpie.cli.social;

import im.magpie.cli.json.ProfileJson;
import im.magpie.protocol.proto.Category;
import im.magpie.protocol.proto.Friend;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.FriendRequestList;
import im.magpie.protocol.proto.Profile;
import java.util.List;

/** {@code --json} output of the social commands. Field names are stable; new ones may be added. */
final class SocialJson {
    private SocialJson() {}

    record UserJson(long userId, String username, String nickname, String signature, String avatarHash, String presence) {
        static UserJson of(Profile p) {
            return new UserJson(p.getUserId(), p.getUsername(), p.getNickname(), p.getSignature(), p.getAvatarHash(),
                    p.getPresence().name());
        }
    }

    record Users(List<UserJson> users) {
        static Users of(List<Profile> profiles) {
            return new Users(profiles.stream().map(UserJson::of).toList());
        }
    }

    record CategoryJson(long categoryId, String name, int position, boolean isDefault) {
        static CategoryJson of(Category c) {
            return new CategoryJson(c.getCategoryId(), c.getName(), c.getPosition(), c.getIsDefault());
        }
    }

    record FriendJson(UserJson profile, String remark, long categoryId, long sinceMs) {
        static FriendJson of(Friend f) {
            return new FriendJson(UserJson.of(f.getProfile()), f.getRemark(), f.getCategoryId(), f.getSinceMs());
        }
    }

    record Friends(List<CategoryJson> categories, List<FriendJson> friends, List<Long> blockedUserIds) {
        static Friends of(FriendList list) {
            return new Friends(list.getCategoriesList().stream().map(CategoryJson::of).toList(),
                    list.getFriendsList().stream().map(FriendJson::of).toList(), list.getBlockedUserIdsList());
        }
    }

    record Categories(List<CategoryJson> categories) {}

    record RequestJson(long requestId, ProfileJson from, ProfileJson to, String note, String state, long createdMs,
                       long expiresMs, long answeredMs) {
        static RequestJson of(FriendRequest r) {
            return new RequestJson(r.getRequestId(), ProfileJson.of(r.getFrom()), ProfileJson.of(r.getTo()), r.getNote(),
                    r.getState().name(), r.getCreatedMs(), r.getExpiresMs(), r.getAnsweredMs());
        }
    }

    record Requests(List<RequestJson> incoming, List<RequestJson> outgoing) {
        static Requests of(FriendRequestList list) {
            return new Requests(list.getIncomingList().stream().map(RequestJson::of).toList(),
                    list.getOutgoingList().stream().map(RequestJson::of).toList());
        }
    }

    record Done(String action, long userId) {}
}
