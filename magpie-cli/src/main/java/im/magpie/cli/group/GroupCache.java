package im.magpie.cli.group;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientSession;
import im.magpie.client.history.GroupRecord;
import im.magpie.client.history.MemberRole;
import im.magpie.protocol.proto.GroupInfo;
import java.util.List;

/**
 * Keeps the local history's group cache in step with what the group commands learn, so
 * {@code magpie send --group NAME}, {@code history --group NAME} and {@code search} find a group by
 * name. Never fails the command: a cache that cannot be written becomes a notice.
 */
final class GroupCache {
    private GroupCache() {}

    static void replace(CliContext ctx, ClientSession session, List<GroupInfo> groups) {
        update(ctx, () -> session.history().replaceGroups(groups.stream().map(GroupCache::record).toList()));
    }

    /** Caches a group the caller is a member of (non-members' views are not cached). */
    static void remember(CliContext ctx, ClientSession session, GroupInfo g) {
        if (g.getMyRole() == im.magpie.protocol.proto.GroupRole.GROUP_ROLE_UNSPECIFIED) return;
        update(ctx, () -> session.history().upsertGroup(record(g)));
    }

    static void forget(CliContext ctx, ClientSession session, long groupId) {
        update(ctx, () -> session.history().removeGroup(groupId));
    }

    private static GroupRecord record(GroupInfo g) {
        MemberRole role = switch (g.getMyRole()) {
            case OWNER -> MemberRole.OWNER;
            case ADMIN -> MemberRole.ADMIN;
            case MEMBER -> MemberRole.MEMBER;
            default -> MemberRole.NONE;
        };
        return new GroupRecord(g.getGroupId(), g.getName(), g.getMemberCount(), role);
    }

    private static void update(CliContext ctx, Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) {
            ctx.output().notice(ctx.messages().get("group.cache-failed", String.valueOf(e.getMessage())));
        }
    }
}
