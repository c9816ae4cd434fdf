package im.magpie.server.account;

import im.magpie.protocol.proto.Profile;

/** Account records to wire messages. */
public final class AccountProtos {
    private AccountProtos() {}

    /** The profile without presence (features that know presence set it). */
    public static Profile.Builder profile(User user) {
        return Profile.newBuilder()
                .setUserId(user.userId())
                .setUsername(user.username())
                .setNickname(user.nickname())
                .setSignature(user.signature())
                .setAvatarHash(user.avatarHash())
                .setCreatedMs(user.createdMs());
    }
}
