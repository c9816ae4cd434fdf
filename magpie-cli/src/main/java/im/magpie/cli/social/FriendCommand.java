package im.magpie.cli.social;

import im.magpie.client.history.ContactRecord;
import im.magpie.client.UserRef;
import im.magpie.client.FriendRequests;
import im.magpie.client.FriendRequestRecord;
import im.magpie.client.CategoryRecord;
import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magpie friend ...}: requests, the friend list, blocks, remarks; categories in {@link CategoryCommand}. */
@Command(name = "friend", description = "Friends: requests, list, remove, block, remarks and categories.",
        subcommands = {
                FriendCommand.Request.class,
                FriendCommand.Requests.class,
                FriendCommand.Accept.class,
                FriendCommand.Reject.class,
                FriendCommand.Cancel.class,
                FriendCommand.ListFriends.class,
                FriendCommand.Remove.class,
                FriendCommand.Block.class,
                FriendCommand.Unblock.class,
                FriendCommand.Remark.class,
                CategoryCommand.class,
        })
public final class FriendCommand extends CommandGroup {

    @Command(name = "request", description = "Ask USERNAME to be your friend.")
    static final class Request extends ClientCommand {
        @Parameters(index = "0", paramLabel = "USERNAME", descriptionKey = "arg.friend-username", description = "Whom to ask.")
        String username;

        @Option(names = "--note", paramLabel = "TEXT", descriptionKey = "opt.note", description = "A short note (up to 200 characters).")
        String note = "";

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                FriendRequestRecord r = ClientSession.join(session.messenger().social().sendFriendRequest(username.strip(), note));
                String key = r.state() == FriendRequestRecord.State.ACCEPTED ? "friend.request.accepted" : "friend.request.sent";
                ctx.output().result(SocialJson.RequestJson.of(r),
                        ctx.messages().get(key, SocialText.name(r.to()), String.valueOf(r.requestId())));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "requests", description = "List pending friend requests, to you and from you.")
    static final class Requests extends ClientCommand {
        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                FriendRequests list = ClientSession.join(session.messenger().social().friendRequests());
                StringBuilder text = new StringBuilder();
                if (list.incoming().isEmpty() && list.outgoing().isEmpty()) text.append(ctx.messages().get("friend.requests.none"));
                for (FriendRequestRecord r : list.incoming()) text.append(SocialText.requestLine(ctx, r)).append('\n');
                for (FriendRequestRecord r : list.outgoing()) text.append(SocialText.requestLine(ctx, r)).append('\n');
                ctx.output().result(SocialJson.Requests.of(list), text.toString().stripTrailing());
                return ExitCode.SUCCESS;
            }
        }
    }

    /** accept and reject: REQUEST is a request id or the requester's username. */
    abstract static class Answer extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REQUEST", descriptionKey = "arg.request",
                description = "The request id, or the username of who asked.")
        String request;

        abstract boolean accept();

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                List<FriendRequestRecord> incoming = ClientSession.join(session.messenger().social().friendRequests()).incoming();
                long id = SocialText.requestId(ctx, incoming, request);
                FriendRequestRecord r = ClientSession.join(session.messenger().social().answerFriendRequest(id, accept()));
                ctx.output().result(SocialJson.RequestJson.of(r), ctx.messages().get(
                        accept() ? "friend.accept.done" : "friend.reject.done", SocialText.name(r.from())));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "accept", description = "Accept a friend request.")
    static final class Accept extends Answer {
        @Override
        boolean accept() {
            return true;
        }
    }

    @Command(name = "reject", description = "Reject a friend request.")
    static final class Reject extends Answer {
        @Override
        boolean accept() {
            return false;
        }
    }

    @Command(name = "cancel", description = "Withdraw a friend request you sent.")
    static final class Cancel extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REQUEST", descriptionKey = "arg.own-request",
                description = "The request id, or the username you asked.")
        String request;

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                List<FriendRequestRecord> outgoing = ClientSession.join(session.messenger().social().friendRequests()).outgoing();
                long id = SocialText.requestId(ctx, outgoing, request);
                FriendRequestRecord r = ClientSession.join(session.messenger().social().cancelFriendRequest(id));
                ctx.output().result(SocialJson.RequestJson.of(r), ctx.messages().get("friend.cancel.done", SocialText.name(r.to())));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "list", description = "List your friends by category, with presence and remarks.")
    static final class ListFriends extends ClientCommand {
        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                List<ContactRecord> friends = ClientSession.join(session.messenger().addressBook().refreshFriends());
                List<CategoryRecord> categories = ClientSession.join(session.messenger().social().categories());
                List<UserRef> blocked = ClientSession.join(session.messenger().social().blocked());
                ctx.output().result(SocialJson.Friends.of(categories, friends, blocked), text(ctx, categories, friends, blocked));
                return ExitCode.SUCCESS;
            }
        }

        static String text(CliContext ctx, List<CategoryRecord> categories, List<ContactRecord> friends, List<UserRef> blocked) {
            StringBuilder text = new StringBuilder();
            for (CategoryRecord c : categories) {
                List<ContactRecord> members = friends.stream().filter(f -> f.categoryId() == c.categoryId()).toList();
                String name = c.isDefault() ? ctx.messages().get("category.default") : c.name();
                text.append(name).append(" (").append(members.size()).append(")  #").append(c.categoryId()).append('\n');
                for (ContactRecord f : members) {
                    text.append("  ").append(SocialText.profileLine(ctx, f));
                    if (!f.remark().isEmpty()) text.append("  ").append(ctx.messages().get("friend.list.remark", f.remark()));
                    text.append('\n');
                }
            }
            if (!blocked.isEmpty()) {
                text.append(ctx.messages().get("friend.list.blocked", blocked.stream().map(SocialText::name).toList().toString()));
            }
            return text.toString().stripTrailing();
        }
    }

    /** remove, block, unblock: one USERNAME. */
    abstract static class OnUser extends ClientCommand {
        @Parameters(index = "0", paramLabel = "USERNAME", descriptionKey = "arg.friend-username", description = "The user.")
        String username;

        abstract java.util.concurrent.CompletableFuture<Void> act(ClientSession session, long userId);

        abstract String doneKey();

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                long userId = SocialText.userId(session, username);
                ClientSession.join(act(session, userId));
                ctx.output().result(new SocialJson.Done(spec.name(), userId), ctx.messages().get(doneKey(), username));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "remove", description = "Remove a friend (on both sides).")
    static final class Remove extends OnUser {
        @Override
        java.util.concurrent.CompletableFuture<Void> act(ClientSession session, long userId) {
            return session.messenger().social().removeFriend(userId);
        }

        @Override
        String doneKey() {
            return "friend.remove.done";
        }
    }

    @Command(name = "block", description = "Block a user: no requests or messages from them; ends a friendship.")
    static final class Block extends OnUser {
        @Override
        java.util.concurrent.CompletableFuture<Void> act(ClientSession session, long userId) {
            return session.messenger().social().block(userId);
        }

        @Override
        String doneKey() {
            return "friend.block.done";
        }
    }

    @Command(name = "unblock", description = "Unblock a user.")
    static final class Unblock extends OnUser {
        @Override
        java.util.concurrent.CompletableFuture<Void> act(ClientSession session, long userId) {
            return session.messenger().social().unblock(userId);
        }

        @Override
        String doneKey() {
            return "friend.unblock.done";
        }
    }

    @Command(name = "remark", description = "Set your private remark (alias) for a friend; an empty REMARK clears it.")
    static final class Remark extends ClientCommand {
        @Parameters(index = "0", paramLabel = "USERNAME", descriptionKey = "arg.friend-username", description = "The friend.")
        String username;

        @Parameters(index = "1", arity = "0..1", paramLabel = "REMARK", descriptionKey = "arg.remark",
                description = "Up to 32 characters; omit to clear.")
        String remark = "";

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                long userId = SocialText.userId(session, username);
                ClientSession.join(session.messenger().social().setRemark(userId, remark));
                ctx.output().result(new SocialJson.Done("remark", userId), remark.isEmpty()
                        ? ctx.messages().get("friend.remark.cleared", username)
                        : ctx.messages().get("friend.remark.done", username, remark));
                return ExitCode.SUCCESS;
            }
        }
    }
}
