package im.magpie.server.account;

/** An account as stored. The password hash never leaves the account package. */
public record User(long userId, String username, String nickname, String signature, String avatarHash, long createdMs) {}
