package im.magpie.cli.bench;

import picocli.CommandLine;

/**
 * Runs {@code magpie bench} on its own: {@code java -cp magpie.jar im.magpie.cli.bench.BenchMain direct ...}.
 * The load tool's child processes start through here.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
