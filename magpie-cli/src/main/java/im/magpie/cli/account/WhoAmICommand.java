package im.magpie.cli.account;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.json.ProfileJson;
import im.magpie.protocol.proto.Profile;
import picocli.CommandLine.Command;

@Command(name = "whoami", description = "Show the account this profile is logged in as.")
public final class WhoAmICommand extends ClientCommand {
    @Override
    protected ExitCode execute(CliContext ctx) {
        try (ClientSession session = ClientSession.resume(ctx)) {
            Profile me = ClientSession.join(session.client().whoami());
            ctx.output().result(ProfileJson.of(me), ctx.messages().get("whoami.text", me.getUsername(),
                    me.getNickname(), String.valueOf(me.getUserId()), session.server().key()));
            return ExitCode.SUCCESS;
        }
    }
}
