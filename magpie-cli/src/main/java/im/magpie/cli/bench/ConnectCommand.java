package im.magpie.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "C users log in with resume tokens and stay connected: login rate, login latency, server memory per connection.")
final class ConnectCommand extends LoadCommand {
    @Option(names = {"-c", "--connections"}, required = true, description = "concurrent connections (all processes together)")
    int connections;

    @Option(names = "--hold", defaultValue = "10", description = "seconds to stay connected (with heartbeats) after logging in")
    int holdSeconds;

    @Option(names = "--rounds", defaultValue = "1",
            description = "log in, hold and log out this many times (later rounds run with the JIT of both sides warm)")
    int rounds;

    @Override
    boolean speaksXmpp() {
        return true;
    }

    @Override
    void validateScenario() {
        if (connections < 1 || connections > 1_000_000) throw new IllegalArgumentException("--connections must be 1..1000000");
        if (holdSeconds < 0 || holdSeconds > 3600) throw new IllegalArgumentException("--hold must be 0..3600 seconds");
        if (rounds < 1 || rounds > 100) throw new IllegalArgumentException("--rounds must be 1..100");
        // the logouts between rounds happen in the hold phase, so they are not charged to a login phase
        if (rounds > 1 && holdSeconds < 1) throw new IllegalArgumentException("--rounds above 1 needs --hold of at least 1 second");
        if (load.procs > connections) throw new IllegalArgumentException("--procs must not exceed --connections");
    }

    @Override
    Scenario scenario(List<Tokens.User> users, PrintStream progress) {
        return new ConnectScenario(load, connections, holdSeconds, rounds, users, progress);
    }

    @Override
    Map<String, Object> settings() {
        return commonSettings();
    }
}
