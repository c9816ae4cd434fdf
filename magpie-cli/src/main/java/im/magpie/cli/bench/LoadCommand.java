package im.magpie.cli.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the load subcommands share: the common options, validation, and handing over to {@link Runner}. */
abstract class LoadCommand implements Callable<Integer> {
    @Mixin
    LoadOptions load = new LoadOptions();

    @Spec
    CommandSpec spec;

    /** Checks this scenario's own options (ranges, combinations); throws IllegalArgumentException. */
    abstract void validateScenario();

    abstract Scenario scenario(List<Tokens.User> users, PrintStream progress);

    abstract Map<String, Object> settings();

    /** Whether this scenario runs over {@code --protocol xmpp} (one-to-one chat and logins only). */
    boolean speaksXmpp() {
        return false;
    }

    void validate() {
        load.validate();
        if (load.isXmpp() && !speaksXmpp()) {
            throw new IllegalArgumentException("--protocol xmpp works with `direct` and `connect` only");
        }
        validateScenario();
    }

    @Override
    public Integer call() throws Exception {
        Logging.quiet();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        try {
            validate();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("magpie bench " + spec.name() + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        List<Tokens.User> users = Tokens.read(load.tokens);
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        List<String> childArgs = at < 0 ? all : all.subList(at, all.size());
        PrintStream progress = err;
        Runner runner = new Runner(load, () -> scenario(users, progress), childArgs, out, err);
        try {
            return runner.run(spec.name(), settings());
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("magpie bench " + spec.name() + ": " + e.getMessage());
            return 1;
        }
    }

    Map<String, Object> commonSettings() {
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("target", load.host + ":" + (load.ports.isEmpty() ? Integer.toString(load.port())
                : load.ports.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))));
        if (!load.ports.isEmpty()) s.put("pairsOnOneNode", load.pairsOnOneNode);
        s.put("protocol", load.protocol);
        s.put("tls", load.tls);
        s.put("procs", load.procs);
        s.put("loopsPerProc", load.loopCount());
        s.put("sourceAddresses", load.sourceAddresses);
        return s;
    }
}
