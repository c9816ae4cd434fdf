package im.magpie.cli.social;

import im.magpie.cli.ExitCode;
import im.magpie.cli.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code magpie friend ...}): alone, it prints its usage. */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show the subcommands and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(Main.environment(spec).err());
        return ExitCode.USAGE.code();
    }
}
