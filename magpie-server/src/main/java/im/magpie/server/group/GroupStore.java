package im.magpie.server.group;

import im.magpie.server.account.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Storage of groups, members, invitations and join requests (tables of migration V4). Every method
 * takes the caller's handle, so a service operation is one transaction. Blocking.
 */
final class GroupStore {
    private static final String GROUP_COLUMNS =
            "group_id, name, announcement, avatar_hash, owner_id, join_policy, private_chat, lobby_slot, member_count, created_ms";
    private static final RowMapper<Group> GROUP = (rs, ctx) -> new Group(rs.getLong("group_id"), rs.getString("name"),
            rs.getString("announcement"), rs.getString("avatar_hash"), rs.getLong("owner_id"),
            JoinPolicy.of(rs.getInt("join_policy")), rs.getInt("private_chat") != 0, rs.getObject("lobby_slot") != null,
            rs.getInt("member_count"), rs.getLong("created_ms"));
    private static final RowMapper<Member> MEMBER = (rs, ctx) -> new Member(rs.getLong("group_id"), rs.getLong("user_id"),
            GroupRole.of(rs.getInt("member_role")), rs.getLong("joined_ms"));

    void insertGroup(Handle h, Group g) {
        h.createUpdate("INSERT INTO chat_groups (" + GROUP_COLUMNS + ") VALUES "
                        + "(:id, :name, :ann, :avatar, :owner, :policy, :pc, :lobby, :count, :created)")
                .bind("id", g.groupId()).bind("name", g.name()).bind("ann", g.announcement())
                .bind("avatar", g.avatarHash()).bind("owner", g.ownerId()).bind("policy", g.joinPolicy().code())
                .bind("pc", g.privateChatAllowed() ? 1 : 0).bind("lobby", g.lobby() ? (Integer) 1 : null)
                .bind("count", g.memberCount()).bind("created", g.createdMs())
                .execute();
    }

    Optional<Group> find(Handle h, long groupId) {
        return h.createQuery("SELECT " + GROUP_COLUMNS + " FROM chat_groups WHERE group_id = :g")
                .bind("g", groupId).map(GROUP).findOne();
    }

    /** The group with its row locked until the transaction ends: every change to a group starts here. */
    Optional<Group> lock(Handle h, long groupId) {
        return h.createQuery("SELECT " + GROUP_COLUMNS + " FROM chat_groups WHERE group_id = :g<for_update>")
                .bind("g", groupId).map(GROUP).findOne();
    }

    Optional<Group> findLobby(Handle h) {
        return h.createQuery("SELECT " + GROUP_COLUMNS + " FROM chat_groups WHERE lobby_slot = 1")
                .map(GROUP).findOne();
    }

    void updateSettings(Handle h, Group g) {
        h.createUpdate("UPDATE chat_groups SET name = :name, announcement = :ann, join_policy = :policy, "
                        + "private_chat = :pc WHERE group_id = :g")
                .bind("name", g.name()).bind("ann", g.announcement()).bind("policy", g.joinPolicy().code())
                .bind("pc", g.privateChatAllowed() ? 1 : 0).bind("g", g.groupId()).execute();
    }

    void setAvatar(Handle h, long groupId, String avatarHash) {
        h.createUpdate("UPDATE chat_groups SET avatar_hash = :a WHERE group_id = :g")
                .bind("a", avatarHash).bind("g", groupId).execute();
    }

    /** True if {@code viewer} may see a group whose avatar is {@code hash}: a member, or the group is not invite-only. */
    boolean avatarVisibleTo(Handle h, String hash, long viewer) {
        return h.createQuery("SELECT COUNT(*) FROM chat_groups g WHERE g.avatar_hash = :h AND "
                        + "(g.join_policy <> :io OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.group_id AND m.user_id = :v))")
                .bind("h", hash).bind("io", JoinPolicy.INVITE_ONLY.code()).bind("v", viewer).mapTo(Integer.class).one() > 0;
    }

    void setOwner(Handle h, long groupId, long ownerId) {
        h.createUpdate("UPDATE chat_groups SET owner_id = :o WHERE group_id = :g")
                .bind("o", ownerId).bind("g", groupId).execute();
    }

    /** Adds one to the member count unless the group is full; false if it is. */
    boolean incrementIfRoom(Handle h, long groupId, int maxMembers) {
        return h.createUpdate("UPDATE chat_groups SET member_count = member_count + 1 WHERE group_id = :g AND member_count < :max")
                .bind("g", groupId).bind("max", maxMembers).execute() == 1;
    }

    void decrement(Handle h, long groupId) {
        h.createUpdate("UPDATE chat_groups SET member_count = member_count - 1 WHERE group_id = :g")
                .bind("g", groupId).execute();
    }

    void deleteGroup(Handle h, long groupId) {
        for (String table : List.of("group_members", "group_invitations", "group_join_requests", "chat_groups")) {
            h.createUpdate("DELETE FROM " + table + " WHERE group_id = :g").bind("g", groupId).execute();
        }
    }

    // --- members ------------------------------------------------------------------------------

    void insertMember(Handle h, Member m) {
        h.createUpdate("INSERT INTO group_members (group_id, user_id, member_role, joined_ms) VALUES (:g, :u, :r, :t)")
                .bind("g", m.groupId()).bind("u", m.userId()).bind("r", m.role().code()).bind("t", m.joinedMs())
                .execute();
    }

    Optional<Member> member(Handle h, long groupId, long userId) {
        return h.createQuery("SELECT group_id, user_id, member_role, joined_ms FROM group_members WHERE group_id = :g AND user_id = :u")
                .bind("g", groupId).bind("u", userId).map(MEMBER).findOne();
    }

    void setRole(Handle h, long groupId, long userId, GroupRole role) {
        h.createUpdate("UPDATE group_members SET member_role = :r WHERE group_id = :g AND user_id = :u")
                .bind("r", role.code()).bind("g", groupId).bind("u", userId).execute();
    }

    void deleteMember(Handle h, long groupId, long userId) {
        h.createUpdate("DELETE FROM group_members WHERE group_id = :g AND user_id = :u")
                .bind("g", groupId).bind("u", userId).execute();
    }

    /** Member ids in ascending order. */
    List<Long> memberIds(Handle h, long groupId) {
        return h.createQuery("SELECT user_id FROM group_members WHERE group_id = :g ORDER BY user_id")
                .bind("g", groupId).mapTo(Long.class).list();
    }

    List<Member> members(Handle h, long groupId) {
        return h.createQuery("SELECT group_id, user_id, member_role, joined_ms FROM group_members WHERE group_id = :g ORDER BY user_id")
                .bind("g", groupId).map(MEMBER).list();
    }

    /** Owner and admins, ascending. */
    List<Long> adminIds(Handle h, long groupId) {
        return h.createQuery("SELECT user_id FROM group_members WHERE group_id = :g AND member_role >= :r ORDER BY user_id")
                .bind("g", groupId).bind("r", GroupRole.ADMIN.code()).mapTo(Long.class).list();
    }

    /** Members with their accounts, owner first, then admins, then by join time. */
    List<MemberView> memberViews(Handle h, long groupId) {
        return h.createQuery("SELECT m.member_role, m.joined_ms, u.user_id, u.username, u.nickname, u.signature, "
                        + "u.avatar_hash, u.created_ms FROM group_members m JOIN users u ON u.user_id = m.user_id "
                        + "WHERE m.group_id = :g ORDER BY m.member_role DESC, m.joined_ms, u.user_id")
                .bind("g", groupId)
                .map((rs, ctx) -> new MemberView(new User(rs.getLong("user_id"), rs.getString("username"),
                        rs.getString("nickname"), rs.getString("signature"), rs.getString("avatar_hash"),
                        rs.getLong("created_ms")), GroupRole.of(rs.getInt("member_role")), rs.getLong("joined_ms")))
                .list();
    }

    /** Member ids and nicknames/usernames, for mentions. */
    List<String[]> memberNames(Handle h, long groupId) {
        return h.createQuery("SELECT u.user_id, u.username, u.nickname FROM group_members m JOIN users u ON u.user_id = m.user_id "
                        + "WHERE m.group_id = :g")
                .bind("g", groupId)
                .map((rs, ctx) -> new String[] {Long.toString(rs.getLong("user_id")), rs.getString("username"), rs.getString("nickname")})
                .list();
    }

    /** The user's memberships. */
    List<Member> membershipsOf(Handle h, long userId) {
        return h.createQuery("SELECT group_id, user_id, member_role, joined_ms FROM group_members WHERE user_id = :u ORDER BY group_id")
                .bind("u", userId).map(MEMBER).list();
    }

    int groupCountOf(Handle h, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM group_members WHERE user_id = :u").bind("u", userId).mapTo(Integer.class).one();
    }

    /** For each group the user is in: the member ids of that group. */
    Map<Long, List<Long>> coMembers(Handle h, long userId) {
        Map<Long, List<Long>> result = new HashMap<>();
        h.createQuery("SELECT m.group_id, m.user_id FROM group_members m JOIN group_members me "
                        + "ON me.group_id = m.group_id AND me.user_id = :u")
                .bind("u", userId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .forEach(row -> result.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]));
        return result;
    }

    List<Group> groupsOf(Handle h, long userId) {
        return h.createQuery("SELECT g." + GROUP_COLUMNS.replace(", ", ", g.") + " FROM chat_groups g JOIN group_members m "
                        + "ON m.group_id = g.group_id WHERE m.user_id = :u ORDER BY g.group_id")
                .bind("u", userId).map(GROUP).list();
    }

    // --- invitations and join requests -----------------------------------------------------------

    boolean hasInvitation(Handle h, long groupId, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM group_invitations WHERE group_id = :g AND user_id = :u")
                .bind("g", groupId).bind("u", userId).mapTo(Integer.class).one() > 0;
    }

    void insertInvitation(Handle h, long groupId, long userId, long inviterId, long nowMs) {
        h.createUpdate("INSERT INTO group_invitations (group_id, user_id, inviter_id, created_ms) VALUES (:g, :u, :i, :t)")
                .bind("g", groupId).bind("u", userId).bind("i", inviterId).bind("t", nowMs).execute();
    }

    boolean deleteInvitation(Handle h, long groupId, long userId) {
        return h.createUpdate("DELETE FROM group_invitations WHERE group_id = :g AND user_id = :u")
                .bind("g", groupId).bind("u", userId).execute() > 0;
    }

    boolean hasJoinRequest(Handle h, long groupId, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM group_join_requests WHERE group_id = :g AND user_id = :u")
                .bind("g", groupId).bind("u", userId).mapTo(Integer.class).one() > 0;
    }

    void insertJoinRequest(Handle h, long groupId, long userId, String note, long nowMs) {
        h.createUpdate("INSERT INTO group_join_requests (group_id, user_id, note, created_ms) VALUES (:g, :u, :n, :t)")
                .bind("g", groupId).bind("u", userId).bind("n", note).bind("t", nowMs).execute();
    }

    boolean deleteJoinRequest(Handle h, long groupId, long userId) {
        return h.createUpdate("DELETE FROM group_join_requests WHERE group_id = :g AND user_id = :u")
                .bind("g", groupId).bind("u", userId).execute() > 0;
    }

    // --- accounts (read only) -------------------------------------------------------------------

    boolean userExists(Handle h, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE user_id = :u").bind("u", userId).mapTo(Integer.class).one() > 0;
    }

    /** All account ids, ascending (for filling a new lobby). */
    List<Long> allUserIds(Handle h, int max) {
        return h.createQuery("SELECT user_id FROM users ORDER BY created_ms, user_id")
                .setMaxRows(max).mapTo(Long.class).list();
    }
}
