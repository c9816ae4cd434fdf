package im.magpie.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "direct", mixinStandardHelpOptions = true,
        description = "P pairs of friends exchange one-to-one messages (open loop at --rate/--rates, or closed loop with --window), with idle users around them.")
final class DirectCommand extends LoadCommand {
    @Mixin
    MessagingOptions msg = new MessagingOptions();

    @Option(names = {"-p", "--pairs"}, defaultValue = "1000", description = "pairs of friends chatting (users 2i and 2i+1)")
    int pairs;

    @Option(names = "--idle", defaultValue = "0", description = "connected users that only send heartbeats")
    int idle;

    @Override
    boolean speaksXmpp() {
        return true;
    }

    @Override
    void validateScenario() {
        msg.validate();
        if (pairs < 1 || pairs > 500_000) throw new IllegalArgumentException("--pairs must be 1..500000");
        if (idle < 0 || idle > 1_000_000) throw new IllegalArgumentException("--idle must be 0..1000000");
        if (load.procs > pairs) throw new IllegalArgumentException("--procs must not exceed --pairs");
    }

    @Override
    Scenario scenario(List<Tokens.User> users, PrintStream progress) {
        return new DirectScenario(load, msg, pairs, idle, users, progress);
    }

    @Override
    Map<String, Object> settings() {
        Map<String, Object> s = commonSettings();
        s.put("warmupSeconds", msg.warmupSeconds);
        s.put("durationSeconds", msg.durationSeconds);
        s.put("messageBytes", msg.messageBytes);
        return s;
    }
}
