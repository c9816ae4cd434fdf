package im.magpie.cli.social;

import im.magpie.cli.json.ProfileJson;
import im.magpie.client.CategoryRecord;
import im.magpie.client.FriendRequestRecord;
import im.magpie.client.FriendRequests;
import im.magpie.client.UserProfile;
import im.magpie.client.UserRef;
import im.magpie.client.history.ContactRecord;
import java.util.List;

/** {@code --json} output of the social commands. Field names are stable; new ones may be added. */
final class SocialJson {
    private SocialJson() {}

    record UserJson(long userId, String username, String nickname, String signature, String avatarHash, String presence) {
        static UserJson of(UserProfile p) {
            return new UserJson(p.userId(), p.username(), p.nickname(), p.signature(), p.avatarHash(), p.presence().name());
        }

        static UserJson of(ContactRecord c) {
            return new UserJson(c.userId(), c.username(), c.nickname(), c.signature(), c.avatarHash(), c.presence().name());
        }
    }

    record Users(List<UserJson> users) {
        static Users of(List<UserProfile> profiles) {
            return new Users(profiles.stream().map(UserJson::of).toList());
        }
    }

    record CategoryJson(long categoryId, String name, int position, boolean isDefault) {
        static CategoryJson of(CategoryRecord c) {
            return new CategoryJson(c.categoryId(), c.name(), c.position(), c.isDefault());
        }
    }

    record FriendJson(UserJson profile, String remark, long categoryId) {
        static FriendJson of(ContactRecord c) {
            return new FriendJson(UserJson.of(c), c.remark(), c.categoryId());
        }
    }

    record Friends(List<CategoryJson> categories, List<FriendJson> friends, List<Long> blockedUserIds) {
        static Friends of(List<CategoryRecord> categories, List<ContactRecord> friends, List<UserRef> blocked) {
            return new Friends(categories.stream().map(CategoryJson::of).toList(),
                    friends.stream().map(FriendJson::of).toList(), blocked.stream().map(UserRef::userId).toList());
        }
    }

    record Categories(List<CategoryJson> categories) {}

    /** A person as a request names them. */
    record PersonJson(long userId, String username, String displayName) {
        static PersonJson of(UserRef u) {
            return new PersonJson(u.userId(), u.username(), u.displayName());
        }
    }

    record RequestJson(long requestId, PersonJson from, PersonJson to, String note, String state, boolean incoming,
                       long createdMs, long expiresMs, long answeredMs) {
        static RequestJson of(FriendRequestRecord r) {
            return new RequestJson(r.requestId(), PersonJson.of(r.from()), PersonJson.of(r.to()), r.note(),
                    r.state().name(), r.incoming(), r.createdMs(), r.expiresMs(), r.answeredMs());
        }
    }

    record Requests(List<RequestJson> incoming, List<RequestJson> outgoing) {
        static Requests of(FriendRequests list) {
            return new Requests(list.incoming().stream().map(RequestJson::of).toList(),
                    list.outgoing().stream().map(RequestJson::of).toList());
        }
    }

    record Done(String action, long userId) {}

    static ProfileJson profile(UserProfile p) {
        return ProfileJson.of(p);
    }
}
