package im.magpie.cli;

import im.magpie.cli.account.LoginCommand;
import im.magpie.cli.account.LogoutCommand;
import im.magpie.cli.account.PasswdCommand;
import im.magpie.cli.account.RegisterCommand;
import im.magpie.cli.account.WhoAmICommand;
import im.magpie.cli.bench.BenchCommand;
import im.magpie.cli.group.GroupCommand;
import im.magpie.cli.message.ReadCommand;
import im.magpie.cli.message.RecallCommand;
import im.magpie.cli.message.ReceiveCommand;
import im.magpie.cli.server.ServerCommand;
import im.magpie.cli.social.FriendCommand;
import im.magpie.cli.social.ProfileCommand;
import im.magpie.cli.social.StatusCommand;
import im.magpie.cli.social.UsersCommand;
import im.magpie.cli.trust.TrustCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code magpie} launcher. Each subcommand is one class in its feature package; to add one,
 * list its class below (client commands extend {@link ClientCommand}). Exit codes:
 * {@link ExitCode}; text: {@link Messages}.
 */
@Command(name = "magpie", mixinStandardHelpOptions = true, version = "magpie 0.1.0",
        description = "Magpie instant messaging: server, client commands and tools.",
        subcommands = {
                // accounts
                RegisterCommand.class,
                LoginCommand.class,
                LogoutCommand.class,
                WhoAmICommand.class,
                PasswdCommand.class,
                // security
                TrustCommand.class,
                // tools
                BenchCommand.class,
                im.magpie.cli.admin.AdminCommand.class,
                // groups
                GroupCommand.class,
                // messages: outbox, local history, terminal client
                im.magpie.cli.chat.SendCommand.class,
                im.magpie.cli.chat.HistoryCommand.class,
                im.magpie.cli.chat.SearchCommand.class,
                im.magpie.cli.chat.ChatCommand.class,
                // messages: the server's inbox (receive, recall, read receipts)
                ReceiveCommand.class,
                RecallCommand.class,
                ReadCommand.class,
                // friends, profiles, presence
                UsersCommand.class,
                FriendCommand.class,
                ProfileCommand.class,
                StatusCommand.class,
                // files and LAN discovery
                im.magpie.cli.file.SendFileCommand.class,
                im.magpie.cli.file.AcceptFileCommand.class,
                im.magpie.cli.file.DeclineFileCommand.class,
                im.magpie.cli.file.FilesCommand.class,
                im.magpie.cli.discovery.DiscoverCommand.class,
                // the desktop client (module magpie-desktop)
                im.magpie.cli.desktop.DesktopCommand.class,
                im.magpie.cli.desktop.DemoCommand.class,
                // add new commands here, one line each
                HelpCommand.class,
        })
public final class Main implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    public Main(CliEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), args));
    }

    /** Runs one command line in this process and returns its exit code (for tests and embedding). */
    public static int run(CliEnvironment env, String... args) {
        return commandLine(env).execute(LeadingOptions.moveAfterCommand(args));
    }

    /** The configured command tree: output, error reporting, localised option help. */
    public static CommandLine commandLine(CliEnvironment env) {
        CommandLine cl = new CommandLine(new Main(env));
        cl.addSubcommand("server", ServerCommand.commandSpec()); // options generated from the server's settings
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setResourceBundle(Messages.of(env).bundle());
        cl.setExecutionExceptionHandler(new ErrorReporter(env));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The environment of the command line {@code spec} belongs to. */
    public static CliEnvironment environment(CommandSpec spec) {
        return spec.root().userObject() instanceof Main main ? main.env : CliEnvironment.system();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(env.err());
        return ExitCode.USAGE.code();
    }
}
