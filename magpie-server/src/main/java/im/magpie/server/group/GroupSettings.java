package im.magpie.server.group;

import im.magpie.server.config.Setting;

/**
 * Settings of the groups feature.
 *
 * <p>The size limit bounds fan-out on write: a message to a group appends one inbox row per member
 * in the sender's transaction, so a post to a full group of {@link #MAX_MEMBERS} members writes
 * that many rows (and locks that many inbox heads, in ascending user order). Joins past the limit
 * are refused with CONFLICT; lowering the limit never removes members, it only stops new joins.
 */
public final class GroupSettings {
    private GroupSettings() {}

    public static final Setting<Integer> MAX_MEMBERS = Setting.integer("group-max-members", 500, 2, 5000,
            "most members a group may have (every message is written to each member's inbox)");
    public static final Setting<Integer> MAX_GROUPS_PER_USER = Setting.integer("group-max-per-user", 500, 1, 10_000,
            "most groups one account may belong to (creating or joining more is refused)");
    public static final Setting<Boolean> LOBBY_ENABLED = Setting.flag("group-lobby", true,
            "create one open group (the lobby) at start that every new account joins, like a classic chat room");
    public static final Setting<Boolean> LOBBY_PRIVATE_WORDS = Setting.flag("group-lobby-private-words", false,
            "let lobby members who are not friends send each other private messages through the lobby "
                    + "(off: in a group everyone joins, it would let anyone message anyone)");
}
