package im.magpie.cli.group;

import im.magpie.client.GroupDetails;
import im.magpie.client.GroupMembers;
import im.magpie.client.GroupRef;
import im.magpie.client.GroupChats;
import im.magpie.client.JoinPolicy;
import im.magpie.client.history.MemberRole;
import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.Main;
import im.magpie.cli.Messages;
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
                GroupCommand.Dissolve.class, GroupCommand.Pending.class,
        })
public final class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show the subcommands and exit.")
    boolean help;

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

        abstract ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId);

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                GroupRef ref = GroupRefs.group(ctx, session, group);
                ExitCode code = run(ctx, session, session.messenger().groupChats(), ref.groupId());
                session.finish();
                return code;
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

    static String text(Messages m, GroupDetails g) {
        String role = g.myRole() == MemberRole.NONE ? m.get("group.role.none") : g.myRole().name();
        return m.get("group.line", String.valueOf(g.groupId()), g.name(), role,
                String.valueOf(g.memberCount()), String.valueOf(g.onlineCount()));
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
                List<Long> ids = new ArrayList<>();
                for (String u : invite) ids.add(GroupRefs.user(ctx, session, 0, u));
                GroupDetails g = ClientSession.join(session.messenger().groupChats()
                        .create(name, announcement, policy, !noPrivateChat, ids));
                ctx.output().result(GroupJson.Group.of(g),
                        ctx.messages().get("group.created", g.name(), String.valueOf(g.groupId())));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "list", description = "List your groups.")
    static final class ListGroups extends ClientCommand {
        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                List<GroupDetails> groups = ClientSession.join(session.messenger().groupChats().refresh());
                StringBuilder text = new StringBuilder();
                for (GroupDetails g : groups) text.append(text(ctx.messages(), g)).append('\n');
                if (groups.isEmpty()) text.append(ctx.messages().get("group.none"));
                ctx.output().result(groups.stream().map(GroupJson.Group::of).toList(), text.toString().stripTrailing());
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "info", description = "Show a group.")
    static final class Info extends OnGroup {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            GroupDetails g = ClientSession.join(groups.get(groupId));
            String text = text(ctx.messages(), g) + "\n" + ctx.messages().get("group.details", g.joinPolicy().name(),
                    g.privateChatAllowed() ? ctx.messages().get("group.private-chat.on") : ctx.messages().get("group.private-chat.off"))
                    + (g.announcement().isEmpty() ? "" : "\n" + g.announcement());
            ctx.output().result(GroupJson.Group.of(g), text);
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "members", description = "List a group's members with their presence.")
    static final class Members extends OnGroup {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            GroupMembers list = ClientSession.join(groups.members(groupId));
            StringBuilder text = new StringBuilder(ctx.messages().get("group.members.head",
                    String.valueOf(list.members().size()), String.valueOf(list.onlineCount())));
            for (im.magpie.client.GroupMember m : list.members()) {
                text.append('\n').append(ctx.messages().get("group.members.line", m.profile().username(),
                        m.profile().nickname(), String.valueOf(m.profile().userId()), m.role().name(),
                        m.profile().presence().name()));
            }
            ctx.output().result(new GroupJson.Members(groupId, list.group().name(), list.onlineCount(),
                    list.members().stream().map(GroupJson.Member::of).toList()), text.toString());
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "invite", description = "Invite a user to a group (any member may).")
    static final class Invite extends OnMember {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            ClientSession.join(groups.invite(groupId, GroupRefs.user(ctx, session, groupId, user)));
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
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            GroupDetails g = ClientSession.join(groups.join(groupId, note));
            boolean joined = g.myRole() != MemberRole.NONE;
            ctx.output().result(GroupJson.Group.of(g),
                    ctx.messages().get(joined ? "group.joined" : "group.requested", g.name()));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "accept", description = "Accept (or --decline) an invitation to a group.")
    static final class Accept extends OnGroup {
        @Option(names = "--decline", descriptionKey = "opt.decline", description = "Decline instead.")
        boolean decline;

        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            ClientSession.join(groups.answerInvitation(groupId, !decline));
            String name = session.messenger().addressBook().group(groupId).name();
            if (decline) {
                ctx.output().result(done(groupId, "declined"), ctx.messages().get("group.declined", name));
            } else {
                GroupDetails g = ClientSession.join(groups.get(groupId));
                ctx.output().result(GroupJson.Group.of(g), ctx.messages().get("group.joined", g.name()));
            }
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "approve", description = "Approve (or --reject) a request to join (admins).")
    static final class Approve extends OnMember {
        @Option(names = "--reject", descriptionKey = "opt.reject", description = "Reject instead.")
        boolean reject;

        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            ClientSession.join(groups.answerJoinRequest(groupId, GroupRefs.user(ctx, session, groupId, user), !reject));
            String name = session.messenger().addressBook().group(groupId).name();
            ctx.output().result(done(groupId, reject ? "rejected" : "approved"),
                    ctx.messages().get(reject ? "group.rejected" : "group.approved", user,
                            name.isBlank() ? String.valueOf(groupId) : name));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "leave", description = "Leave a group (the owner transfers or dissolves it first).")
    static final class Leave extends OnGroup {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            ClientSession.join(groups.leave(groupId));
            ctx.output().result(done(groupId, "left"), ctx.messages().get("group.left", String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "remove", description = "Remove a member (admins; only the owner removes admins).")
    static final class Remove extends OnMember {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            ClientSession.join(groups.removeMember(groupId, GroupRefs.user(ctx, session, groupId, user)));
            ctx.output().result(done(groupId, "removed"), ctx.messages().get("group.removed", user, String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "admin", description = "Make a member an admin, or --revoke (the owner).")
    static final class Admin extends OnMember {
        @Option(names = "--revoke", descriptionKey = "opt.revoke", description = "Make the admin a member again.")
        boolean revoke;

        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            ClientSession.join(groups.setAdmin(groupId, GroupRefs.user(ctx, session, groupId, user), !revoke));
            ctx.output().result(done(groupId, revoke ? "admin-revoked" : "admin-granted"),
                    ctx.messages().get(revoke ? "group.admin.revoked" : "group.admin.granted", user, String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "transfer", description = "Hand the group to another member (the owner); you become an admin.")
    static final class Transfer extends OnMember {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            ClientSession.join(groups.transferOwnership(groupId, GroupRefs.user(ctx, session, groupId, user)));
            ctx.output().result(done(groupId, "transferred"), ctx.messages().get("group.transferred", user, String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "dissolve", description = "End the group for everyone (the owner).")
    static final class Dissolve extends OnGroup {
        @Override
        ExitCode run(CliContext ctx, ClientSession session, GroupChats groups, long groupId) {
            ClientSession.join(groups.dissolve(groupId));
            ctx.output().result(done(groupId, "dissolved"), ctx.messages().get("group.dissolved", String.valueOf(groupId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "pending", description = "List invitations to groups and requests to join your groups that wait for an answer.")
    static final class Pending extends ClientCommand {
        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.open(ctx)) {
                session.finish(); // online: the inbox first, so nothing new is missed
                GroupChats groups = session.messenger().groupChats();
                List<im.magpie.client.GroupInvitation> invitations = groups.invitations();
                List<im.magpie.client.JoinRequest> requests = groups.joinRequests();
                StringBuilder text = new StringBuilder();
                for (var i : invitations) {
                    text.append(ctx.messages().get("group.pending.invitation", i.group().name(),
                            String.valueOf(i.group().groupId()), i.invitedBy().displayName())).append('\n');
                }
                for (var r : requests) {
                    String requester = r.requester().username().isBlank()
                            ? String.valueOf(r.requester().userId()) : r.requester().username();
                    text.append(ctx.messages().get("group.pending.request", r.requester().displayName(),
                            r.group().name(), String.valueOf(r.group().groupId()), r.note(), requester)).append('\n');
                }
                if (invitations.isEmpty() && requests.isEmpty()) text.append(ctx.messages().get("group.pending.none"));
                ctx.output().result(new GroupJson.Pending(invitations.stream().map(GroupJson.Invitation::of).toList(),
                        requests.stream().map(GroupJson.Request::of).toList()), text.toString().stripTrailing());
                return ExitCode.SUCCESS;
            }
        }
    }
}
