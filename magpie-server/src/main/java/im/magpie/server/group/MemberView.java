package im.magpie.server.group;

import im.magpie.server.account.User;

/** A member with their account, for member lists. */
public record MemberView(User user, GroupRole role, long joinedMs) {}
