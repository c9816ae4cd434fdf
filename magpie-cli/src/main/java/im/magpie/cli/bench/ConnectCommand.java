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

    @Override
    void validateScenario() {
        if (connections < 1 || connections > 1_000_000) throw new IllegalArgumentException("--connections must be 1..1000000");
        if (holdSeconds < 0 || holdSeconds > 3600) throw new IllegalArgumentException("--hold must be 0..3600 seconds");
        if (load.procs > connections) throw new IllegalArgumentException("--procs must not exceed --connections");
    }

    @Override
    Scenario scenario(List<Tokens.User> users, PrintStream progress) {
        return new ConnectScenario(load, connections, holdSeconds, users, progress);
    }

    @Override
    Map<String, Object> settings() {
        return commonSettings();
    }
}
