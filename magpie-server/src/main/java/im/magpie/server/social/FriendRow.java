package im.magpie.server.social;

import im.magpie.server.account.User;

/** One friend as its owner sees them: the friend's profile and the owner's category and remark. */
public record FriendRow(User user, long categoryId, String remark, long sinceMs) {}
