package im.magpie.cli.account;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.Passwords;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "passwd", description = "Change the password; other sessions are logged out.")
public final class PasswdCommand extends ClientCommand {
    @Option(names = "--password-stdin", descriptionKey = "opt.passwd-stdin",
            description = "Read the old password, then the new one, from the first two lines of standard input.")
    boolean passwordStdin;

    @Override
    protected ExitCode execute(CliContext ctx) {
        Passwords passwords = new Passwords(ctx, passwordStdin);
        String oldPassword = passwords.current();
        String newPassword = passwords.chosen(Passwords.ENV_NEW_PASSWORD);
        try (ClientSession session = ClientSession.resume(ctx)) {
            ClientSession.join(session.messenger().account().changePassword(oldPassword, newPassword));
            String username = session.messenger().username();
            ctx.output().result(Map.of("passwordChanged", username),
                    ctx.messages().get("passwd.done", username, session.server()));
            return ExitCode.SUCCESS;
        }
    }
}
