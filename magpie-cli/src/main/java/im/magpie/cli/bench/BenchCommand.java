package im.magpie.cli.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code magpie bench}: load scenarios against a server on this machine, setup helpers, charts.
 * Exit codes: 0 all messages accounted clean, 2 bad arguments, 11 a message was lost, duplicated or
 * reordered, 12 the run hit {@code --max-seconds}, 1 anything else.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure what a Magpie server carries: connections, messages per second, latency, and that none are lost.",
                "See docs/benchmarks.md. Targets loopback only unless --allow-remote."},
        subcommands = {
                SetupCommand.class,
                CleanupCommand.class,
                ConnectCommand.class,
                DirectCommand.class,
                GroupCommand.class,
                MixedCommand.class,
                ChartCommand.class,
                ServerCommand.class,
        })
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
