package im.magpie.cli.social;

import im.magpie.client.Social;
import im.magpie.client.UserProfile;
import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magpie users search QUERY}. */
@Command(name = "users", description = "Find people on the server.", subcommands = UsersCommand.Search.class)
public final class UsersCommand extends CommandGroup {

    @Command(name = "search", description = "Find users by exact username, or by a prefix of 3 or more characters.")
    static final class Search extends ClientCommand {
        @Parameters(index = "0", paramLabel = "QUERY", descriptionKey = "arg.query", description = "A username or its beginning.")
        String query;

        @Option(names = "--limit", paramLabel = "N", descriptionKey = "opt.limit", description = "At most N results (1-20, default 20).")
        int limit;

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                List<UserProfile> found = ClientSession.join(session.messenger().social().searchUsers(query, limit));
                StringBuilder text = new StringBuilder();
                if (found.isEmpty()) {
                    text.append(ctx.messages().get("users.none", query));
                    if (query.strip().length() < Social.PREFIX_SEARCH_MIN_CHARS) {
                        text.append('\n').append(ctx.messages().get("users.short-query", Social.PREFIX_SEARCH_MIN_CHARS));
                    }
                }
                for (UserProfile p : found) text.append(SocialText.profileLine(ctx, p)).append('\n');
                ctx.output().result(SocialJson.Users.of(found), text.toString().stripTrailing());
                return ExitCode.SUCCESS;
            }
        }
    }
}
