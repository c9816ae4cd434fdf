package im.magpie.cli.account;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "logout", description = "Log out: the server revokes the session and the profile forgets it.")
public final class LogoutCommand extends ClientCommand {
    @Override
    protected ExitCode execute(CliContext ctx) {
        try (ClientSession session = ClientSession.resume(ctx)) {
            String username = session.messenger().username();
            ClientSession.join(session.messenger().logout());
            ctx.output().result(Map.of("loggedOut", username, "server", session.server()),
                    ctx.messages().get("logout.done", username, session.server()));
            return ExitCode.SUCCESS;
        }
    }
}
