package im.magpie.cli.account;

import im.magpie.client.UserProfile;
import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.json.ProfileJson;
import picocli.CommandLine.Command;

@Command(name = "whoami", description = "Show the account this profile is logged in as.")
public final class WhoAmICommand extends ClientCommand {
    @Override
    protected ExitCode execute(CliContext ctx) {
        try (ClientSession session = ClientSession.resume(ctx)) {
            UserProfile me = ClientSession.join(session.messenger().account().whoAmI());
            ctx.output().result(ProfileJson.of(me), ctx.messages().get("whoami.text", me.username(),
                    me.nickname(), String.valueOf(me.userId()), session.server()));
            return ExitCode.SUCCESS;
        }
    }
}
