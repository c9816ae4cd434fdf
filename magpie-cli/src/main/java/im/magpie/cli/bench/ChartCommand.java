package im.magpie.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "chart", mixinStandardHelpOptions = true,
        description = "Draw a PNG of latency percentiles against offered rate from one or more JSON result files (label=file.json or file.json).")
final class ChartCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "[label=]result.json")
    List<String> inputs;

    @Option(names = {"-o", "--out"}, required = true, description = "PNG file to write")
    Path out;

    @Option(names = "--title", defaultValue = "Magpie: latency against offered rate")
    String title;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Charts.Sweep> sweeps = new ArrayList<>();
        for (String in : inputs) {
            int eq = in.indexOf('=');
            String label = eq > 0 ? in.substring(0, eq) : Path.of(in).getFileName().toString().replaceFirst("\\.json$", "");
            Path file = Path.of(eq > 0 ? in.substring(eq + 1) : in);
            sweeps.add(new Charts.Sweep(label, Results.read(file).phases()));
        }
        Charts.latencyAgainstRate(out, title, sweeps);
        spec.commandLine().getOut().println("chart: " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
