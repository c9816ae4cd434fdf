package im.magpie.server.group;

/** One membership: who, in which role, since when (epoch ms of the latest join). */
public record Member(long groupId, long userId, GroupRole role, long joinedMs) {}
