package im.magpie.cli.group;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.MagpieClient;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetProfileRequest;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupMember;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a person types into ids: a group is its id or the name of one of their groups; a user
 * is their id or username (looked up among the group's members, else on the server).
 */
final class GroupRefs {
    private GroupRefs() {}

    static long group(CliContext ctx, MagpieClient client, String ref) {
        if (isId(ref)) return Long.parseLong(ref);
        List<GroupInfo> matches = ClientSession.join(client.groups().list()).stream()
                .filter(g -> g.getName().equals(ref.strip())).toList();
        if (matches.isEmpty()) {
            matches = ClientSession.join(client.groups().list()).stream()
                    .filter(g -> g.getName().equalsIgnoreCase(ref.strip())).toList();
        }
        if (matches.isEmpty()) throw ctx.fail(ExitCode.NOT_FOUND, "group.unknown", ref);
        if (matches.size() > 1) throw ctx.fail(ExitCode.USAGE, "group.ambiguous", ref);
        return matches.get(0).getGroupId();
    }

    static long user(CliContext ctx, MagpieClient client, long groupId, String ref) {
        if (isId(ref)) return Long.parseLong(ref);
        String username = ref.strip().toLowerCase(Locale.ROOT);
        try {
            for (GroupMember m : ClientSession.join(client.groups().members(groupId)).getMembersList()) {
                if (m.getProfile().getUsername().equals(username)) return m.getProfile().getUserId();
            }
        } catch (RuntimeException notVisible) {
            // fall through to the server's profile lookup
        }
        try {
            Frame f = ClientSession.join(client.request(Frame.newBuilder().setGetProfile(
                    GetProfileRequest.newBuilder().setUsername(username)), Frame.BodyCase.PROFILE));
            return f.getProfile().getUserId();
        } catch (RuntimeException e) {
            throw ctx.fail(ExitCode.NOT_FOUND, "group.unknown-user", ref);
        }
    }

    static boolean isId(String ref) {
        return ref != null && !ref.isEmpty() && ref.length() <= 19 && ref.chars().allMatch(Character::isDigit);
    }
}
