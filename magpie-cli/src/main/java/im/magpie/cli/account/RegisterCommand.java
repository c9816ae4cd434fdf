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

@Command(name = "register", description = "Create an account on the server and log in as it.")
public final class RegisterCommand extends ClientCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "USERNAME", descriptionKey = "arg.username",
            description = "3-32 of a-z 0-9 _ . - (default: --user).")
    String username;

    @Option(names = "--nickname", paramLabel = "NAME", descriptionKey = "opt.nickname",
            description = "Name shown to others (default: the username).")
    String nickname;

    @Option(names = "--password-stdin", descriptionKey = "opt.password-stdin",
            description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Override
    protected ExitCode execute(CliContext ctx) {
        String name = Usernames.required(ctx, username);
        String password = new Passwords(ctx, passwordStdin).chosen(Passwords.ENV_PASSWORD);
        try (ClientSession session = ClientSession.register(ctx, name, password, nickname == null ? name : nickname)) {
            LoginResult ok = session.loginResult();
            ctx.output().result(AccountJson.of(session.server(), ok), ctx.messages().get("register.done",
                    ok.self().username(), session.server(), String.valueOf(ok.self().userId())));
            return ExitCode.SUCCESS;
        }
    }
}
