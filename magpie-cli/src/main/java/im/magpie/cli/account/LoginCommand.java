package im.magpie.cli.account;

import im.magpie.client.LoginResult;
import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.Passwords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "login", description = "Log in and keep the session in the profile for later commands.")
public final class LoginCommand extends ClientCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "USERNAME", descriptionKey = "arg.username",
            description = "The account (default: --user).")
    String username;

    @Option(names = "--password-stdin", descriptionKey = "opt.password-stdin",
            description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Override
    protected ExitCode execute(CliContext ctx) {
        String name = Usernames.required(ctx, username);
        String password = new Passwords(ctx, passwordStdin).current();
        try (ClientSession session = ClientSession.login(ctx, name, password)) {
            LoginResult ok = session.loginResult();
            session.finish();
            ctx.output().result(AccountJson.of(session.server(), ok),
                    ctx.messages().get("login.done", ok.self().username(), session.server()));
            return ExitCode.SUCCESS;
        }
    }
}
