package im.magpie.cli.group;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.Main;
import im.magpie.cli.Messages;
import im.magpie.client.MagpieClient;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupMember;
import im.magpie.protocol.proto.GroupRole;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.MemberList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magpie group ...}: groups (chat rooms). GROUP is an id or the name of one of your groups. */
@Command(name = "group", description = "Groups (chat rooms): create, list, join, members, roles.",
        subcommands = {
                GroupCommand.Create.class, GroupCommand.ListGroups.class, GroupCommand.Info.class,
                GroupCommand.Members.class, GroupCommand.Invite.class, GroupCommand.Join.class,
                GroupCommand.Accept.class, GroupCommand.Approve.class, GroupCommand.Leave.class,
                GroupCommand.Remove.class, GroupCommand.Admin.class, GroupCommand.Transfer.class,
                GroupCommand.Dissolve.class,
        })
public final class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(Main.environment(spec).err());
        return ExitCode.USAGE.code();
    }

    /** A subcommand on one group: resolves GROUP, runs with a logged-in client. */
    abstract static class OnGroup extends ClientCommand {
        @Parameters(index = "0", paramLabel = "GROUP", descriptionKey = "arg.group",
                description = "The group: its id, or the name of one of your groups.")
        String group;

        abstract ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId);

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                MagpieClient client = session.client();
                return run(ctx, session, client, GroupRefs.group(ctx, client, group));
            }
        }

        static Map<String, Object> done(long groupId, String action) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("groupId", groupId);
            json.put("done", action);
            return json;
        }
    }

    /** A subcommand on one member of one group. */
    abstract static class OnMember extends OnGroup {
        @Parameters(index = "1", paramLabel = "USER", descriptionKey = "arg.group-user",
                description = "The user: their id or username.")
        String user;
    }

    static String text(Messages m, GroupInfo g) {
        String role = g.getMyRole() == GroupRole.GROUP_ROLE_UNSPECIFIED ? m.get("group.role.none") : g.getMyRole().name();
        return m.get("group.line", String.valueOf(g.getGroupId()), g.getName(), role,
                String.valueOf(g.getMemberCount()), String.valueOf(g.getOnlineCount()));
    }

    @Command(name = "create", description = "Create a group that you own.")
    static final class Create extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "arg.group-name",
                description = "1-40 characters, any script.")
        String name;

        @Option(names = "--announcement", paramLabel = "TEXT", descriptionKey = "opt.announcement",
                description = "Announcement shown to members (at most 500 characters).")
        String announcement = "";

        @Option(names = "--policy", paramLabel = "POLICY", descriptionKey = "opt.policy",
                description = "How people join: INVITE_ONLY, APPROVAL (default) or OPEN.")
        JoinPolicy policy = JoinPolicy.APPROVAL;

        @Option(names = "--no-private-chat", descriptionKey = "opt.no-private-chat",
                description = "Members who are not friends may not message each other privately.")
        boolean noPrivateChat;

        @Option(names = "--invite", paramLabel = "USER", split = ",", descriptionKey = "opt.invite",
                description = "Invite these users (ids or usernames), comma-separated.")
        List<String> invite = new ArrayList<>();

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                MagpieClient client = session.client();
                List<Long> ids = new ArrayList<>();
                for (String u : invite) ids.add(GroupRefs.user(ctx, client, 0, u));
                GroupInfo g = ClientSession.join(client.groups().create(name, announcement, policy, !noPrivateChat, ids));
                GroupCache.remember(ctx, session, g);
                ctx.output().result(GroupJson.Group.of(g),
                        ctx.messages().get("group.created", g.getName(), String.valueOf(g.getGroupId())));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "list", description = "List your groups.")
    static final class ListGroups extends ClientCommand {
        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                List<GroupInfo> groups = ClientSession.join(session.client().groups().list());
                GroupCache.replace(ctx, session, groups);
                StringBuilder text = new StringBuilder();
                for (GroupInfo g : groups) text.append(text(ctx.messages(), g)).append('\n');
                if (groups.isEmpty()) text.append(ctx.messages().get("group.none"));
                ctx.output().result(groups.stream().map(GroupJson.Group::of).toList(), text.toString().stripTrailing());
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "info", description = "Show a group.")
    static final class Info extends OnGroup {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            GroupInfo g = ClientSession.join(client.groups().get(groupId));
            GroupCache.remember(ctx, session, g);
            String text = text(ctx.messages(), g) + "\n" + ctx.messages().get("group.details", g.getJoinPolicy().name(),
                    g.getPrivateChatAllowed() ? ctx.messages().get("group.private-chat.on") : ctx.messages().get("group.private-chat.off"))
                    + (g.getAnnouncement().isEmpty() ? "" : "\n" + g.getAnnouncement());
            ctx.output().result(GroupJson.Group.of(g), text);
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "members", description = "List a group's members with their presence.")
    static final class Members extends OnGroup {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            MemberList list = ClientSession.join(client.groups().members(groupId));
            StringBuilder text = new StringBuilder(ctx.messages().get("group.members.head",
                    String.valueOf(list.getMembersCount()), String.valueOf(list.getOnlineCount())));
            for (GroupMember m : list.getMembersList()) {
                text.append('\n').append(ctx.messages().get("group.members.line", m.getProfile().getUsername(),
                        m.getProfile().getNickname(), String.valueOf(m.getProfile().getUserId()), m.getRole().name(),
                        m.getProfile().getPresence().name()));
            }
            ctx.output().result(new GroupJson.Members(groupId, list.getOnlineCount(),
                    list.getMembersList().stream().map(GroupJson.Member::of).toList()), text.toString());
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "invite", description = "Invite a user to a group (any member may).")
    static final class Invite extends OnMember {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            ClientSession.join(client.groups().invite(groupId, GroupRefs.user(ctx, client, groupId, user)));
            ctx.output().result(done(groupId, "invited"), ctx.messages().get("group.invited", user, String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "join", description = "Join an open group, or ask the admins of an approval group.")
    static final class Join extends OnGroup {
        @Option(names = "--note", paramLabel = "TEXT", descriptionKey = "opt.join-note",
                description = "A note for the admins (at most 200 characters).")
        String note = "";

        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            GroupInfo g = ClientSession.join(client.groups().join(groupId, note));
            GroupCache.remember(ctx, session, g);
            boolean joined = g.getMyRole() != GroupRole.GROUP_ROLE_UNSPECIFIED;
            ctx.output().result(GroupJson.Group.of(g),
                    ctx.messages().get(joined ? "group.joined" : "group.requested", g.getName()));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "accept", description = "Accept (or --decline) an invitation to a group.")
    static final class Accept extends OnGroup {
        @Option(names = "--decline", descriptionKey = "opt.decline", description = "Decline instead.")
        boolean decline;

        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            if (decline) {
                ClientSession.join(client.groups().declineInvitation(groupId));
                ctx.output().result(done(groupId, "declined"), ctx.messages().get("group.declined", String.valueOf(groupId)));
            } else {
                GroupInfo g = ClientSession.join(client.groups().acceptInvitation(groupId));
                GroupCache.remember(ctx, session, g);
                ctx.output().result(GroupJson.Group.of(g), ctx.messages().get("group.joined", g.getName()));
            }
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "approve", description = "Approve (or --reject) a request to join (admins).")
    static final class Approve extends OnMember {
        @Option(names = "--reject", descriptionKey = "opt.reject", description = "Reject instead.")
        boolean reject;

        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            ClientSession.join(client.groups().answerJoinRequest(groupId, GroupRefs.user(ctx, client, groupId, user), !reject));
            ctx.output().result(done(groupId, reject ? "rejected" : "approved"),
                    ctx.messages().get(reject ? "group.rejected" : "group.approved", user, String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "leave", description = "Leave a group (the owner transfers or dissolves it first).")
    static final class Leave extends OnGroup {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            ClientSession.join(client.groups().leave(groupId));
            GroupCache.forget(ctx, session, groupId);
            ctx.output().result(done(groupId, "left"), ctx.messages().get("group.left", String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "remove", description = "Remove a member (admins; only the owner removes admins).")
    static final class Remove extends OnMember {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            ClientSession.join(client.groups().remove(groupId, GroupRefs.user(ctx, client, groupId, user)));
            ctx.output().result(done(groupId, "removed"), ctx.messages().get("group.removed", user, String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "admin", description = "Make a member an admin, or --revoke (the owner).")
    static final class Admin extends OnMember {
        @Option(names = "--revoke", descriptionKey = "opt.revoke", description = "Make the admin a member again.")
        boolean revoke;

        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            ClientSession.join(client.groups().setAdmin(groupId, GroupRefs.user(ctx, client, groupId, user), !revoke));
            ctx.output().result(done(groupId, revoke ? "admin-revoked" : "admin-granted"),
                    ctx.messages().get(revoke ? "group.admin.revoked" : "group.admin.granted", user, String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "transfer", description = "Hand the group to another member (the owner); you become an admin.")
    static final class Transfer extends OnMember {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            ClientSession.join(client.groups().transferOwnership(groupId, GroupRefs.user(ctx, client, groupId, user)));
            ctx.output().result(done(groupId, "transferred"), ctx.messages().get("group.transferred", user, String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "dissolve", description = "End the group for everyone (the owner).")
    static final class Dissolve extends OnGroup {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, MagpieClient client, long groupId) {
            ClientSession.join(client.groups().dissolve(groupId));
            GroupCache.forget(ctx, session, groupId);
            ctx.output().result(done(groupId, "dissolved"), ctx.messages().get("group.dissolved", String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }
}
