package im.magpie.cli.group;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.GroupMember;
import im.magpie.client.GroupRef;
import im.magpie.client.Messenger;
import im.magpie.client.UserRef;
import java.util.Optional;

/**
 * Turns what a person types into ids: a group is its id or its name (one of their groups, or one
 * they are invited to); a user is their id or a name the caches know, else a member's username,
 * else the server's profile lookup.
 */
final class GroupRefs {
    private GroupRefs() {}

    static GroupRef group(CliContext ctx, ClientSession session, String ref) {
        Messenger m = session.messenger();
        if (isId(ref)) return m.addressBook().group(Long.parseLong(ref));
        Optional<GroupRef> found = m.addressBook().findGroup(ref);
        if (found.isEmpty() && session.online()) {
            // the inbox may hold an invitation not stored yet, the server a group not cached yet
            ClientSession.join(m.sync());
            ClientSession.join(m.addressBook().refreshGroups());
            found = m.addressBook().findGroup(ref);
            if (found.isEmpty()) {
                found = m.groupChats().invitations().stream().map(i -> i.group())
                        .filter(g -> g.name().equalsIgnoreCase(ref.strip())).findFirst();
            }
        }
        return found.orElseThrow(() -> ctx.fail(ExitCode.NOT_FOUND, "group.unknown", ref));
    }

    static long user(CliContext ctx, ClientSession session, long groupId, String ref) {
        if (isId(ref)) return Long.parseLong(ref);
        Messenger m = session.messenger();
        Optional<UserRef> known = m.addressBook().findUser(ref);
        if (known.isPresent() && known.get().named()) return known.get().userId();
        String username = ref.strip();
        if (groupId > 0) {
            try {
                for (GroupMember member : ClientSession.join(m.groupChats().members(groupId)).members()) {
                    if (member.profile().username().equalsIgnoreCase(username)) return member.profile().userId();
                }
            } catch (RuntimeException notVisible) {
                // fall through to the server's profile lookup
            }
        }
        try {
            return ClientSession.join(m.social().profile(username)).userId();
        } catch (RuntimeException e) {
            throw ctx.fail(ExitCode.NOT_FOUND, "group.unknown-user", ref);
        }
    }

    static boolean isId(String ref) {
        return ref != null && !ref.isEmpty() && ref.length() <= 19 && ref.chars().allMatch(Character::isDigit);
    }
}
