package im.magpie.server.social;

import im.magpie.server.config.Setting;

/** Settings of friends, friend requests, categories and profiles. */
public final class SocialSettings {
    private SocialSettings() {}

    public static final Setting<Integer> FRIEND_REQUEST_TTL_DAYS = Setting.integer("friend-request-ttl-days", 30, 1, 3650,
            "days a friend request stays pending before it expires");
    public static final Setting<Integer> MAX_PENDING_REQUESTS_PER_USER = Setting.integer("max-pending-friend-requests", 100, 1, 100_000,
            "pending outgoing friend requests one user may have at a time");
    public static final Setting<Integer> MAX_CATEGORIES = Setting.integer("max-friend-categories", 50, 1, 1000,
            "friend categories one user may create (besides the default)");
    public static final Setting<Integer> MAX_FRIENDS = Setting.integer("max-friends", 3000, 1, 1_000_000,
            "friends one user may have");
    public static final Setting<Integer> AVATAR_CHANGES_PER_HOUR = Setting.integer("avatar-changes-per-hour", 10, 1, 100_000,
            "pictures one user may upload per hour (their avatar, or a group's); more are answered RATE_LIMITED");
    public static final Setting<Integer> AVATAR_UNUSED_KEEP_MINUTES = Setting.integer("avatar-unused-keep-minutes", 10, 1, 10_080,
            "a picture no user or group uses any more is deleted after this many minutes");
}
