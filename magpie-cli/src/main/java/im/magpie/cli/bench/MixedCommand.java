package im.magpie.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mixed", mixinStandardHelpOptions = true,
        description = "A day in the life: most users idle with heartbeats, some chatting, some changing presence, some reconnecting.")
final class MixedCommand extends LoadCommand {
    @Mixin
    MessagingOptions msg = new MessagingOptions();

    @Option(names = {"-u", "--users"}, required = true, description = "connected users in all")
    int users;

    @Option(names = {"-p", "--pairs"}, defaultValue = "100", description = "pairs of friends chatting")
    int pairs;

    @Option(names = "--presence", defaultValue = "100", description = "users changing presence")
    int presence;

    @Option(names = "--presence-seconds", defaultValue = "5", description = "each presence changer toggles this often")
    int presenceSeconds;

    @Option(names = "--reconnecting", defaultValue = "20", description = "users dropping and resuming their connection")
    int reconnecting;

    @Option(names = "--reconnect-seconds", defaultValue = "5", description = "each reconnecting user reconnects this often")
    int reconnectSeconds;

    @Override
    void validateScenario() {
        msg.validate();
        if (users < 1 || users > 1_000_000) throw new IllegalArgumentException("--users must be 1..1000000");
        if (pairs < 1 || presence < 0 || reconnecting < 0) throw new IllegalArgumentException("--pairs must be >= 1, others >= 0");
        if (2L * pairs + presence + reconnecting > users) {
            throw new IllegalArgumentException("--users must be at least 2*pairs + presence + reconnecting");
        }
        if (presenceSeconds < 1 || reconnectSeconds < 1) throw new IllegalArgumentException("intervals must be >= 1 second");
        if (load.procs > pairs) throw new IllegalArgumentException("--procs must not exceed --pairs");
    }

    @Override
    Scenario scenario(List<Tokens.User> all, PrintStream progress) {
        return new MixedScenario(load, msg, users, pairs, presence, reconnecting, presenceSeconds, reconnectSeconds, all, progress);
    }

    @Override
    Map<String, Object> settings() {
        Map<String, Object> s = commonSettings();
        s.put("warmupSeconds", msg.warmupSeconds);
        s.put("durationSeconds", msg.durationSeconds);
        return s;
    }
}
