package im.magpie.server.social;

import im.magpie.protocol.proto.Category;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.Profile;
import im.magpie.server.account.AccountProtos;
import im.magpie.server.account.User;

/** Social records to wire messages. */
final class SocialProtos {
    private SocialProtos() {}

    /** A profile without presence: for strangers, and for what is stored (presence goes stale). */
    static Profile profile(User user) {
        return AccountProtos.profile(user).build();
    }

    static FriendRequest request(FriendRequestRecord r, User from, User to, long nowMs) {
        return FriendRequest.newBuilder()
                .setRequestId(r.requestId())
                .setFrom(profile(from))
                .setTo(profile(to))
                .setNote(r.note())
                .setState(r.effectiveState(nowMs))
                .setCreatedMs(r.createdMs())
                .setExpiresMs(r.expiresMs())
                .setAnsweredMs(r.answeredMs())
                .build();
    }

    static Category category(CategoryRecord c) {
        return Category.newBuilder()
                .setCategoryId(c.categoryId())
                .setName(c.name())
                .setPosition(c.sortOrder())
                .setIsDefault(c.isDefault())
                .build();
    }
}
