package im.magpie.cli.social;

import im.magpie.client.history.Presence;
import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code magpie status online|away|busy|invisible}. The status lasts while the server runs (it is
 * kept in the server's memory), also after this command disconnects.
 */
@Command(name = "status", description = "Set your presence: online, away, busy or invisible (looks offline to others).")
public final class StatusCommand extends ClientCommand {
    enum Choice { ONLINE, AWAY, BUSY, INVISIBLE }

    @Parameters(index = "0", paramLabel = "STATUS", descriptionKey = "arg.status", description = "online, away, busy or invisible.")
    Choice status;

    @Override
    protected ExitCode execute(CliContext ctx) {
        Presence presence = Presence.valueOf(status.name());
        try (ClientSession session = ClientSession.resume(ctx)) {
            ClientSession.join(session.messenger().account().setStatus(presence));
            ctx.output().result(Map.of("status", presence.name()),
                    ctx.messages().get("status.done", SocialText.presence(ctx, presence)));
            return ExitCode.SUCCESS;
        }
    }
}
