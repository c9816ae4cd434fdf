package im.magpie.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "group", mixinStandardHelpOptions = true,
        description = "G groups of M members, S of each sending; every message accounted at each other member.")
final class GroupCommand extends LoadCommand {
    @Mixin
    MessagingOptions msg = new MessagingOptions();

    @Option(names = {"-g", "--groups"}, defaultValue = "1", description = "groups")
    int groups;

    @Option(names = {"-m", "--members"}, defaultValue = "500", description = "members per group")
    int members;

    @Option(names = {"-s", "--senders"}, defaultValue = "10", description = "sending members per group")
    int senders;

    @Override
    void validateScenario() {
        msg.validate();
        if (groups < 1 || groups > 10_000) throw new IllegalArgumentException("--groups must be 1..10000");
        if (members < 2 || members > 100_000) throw new IllegalArgumentException("--members must be 2..100000");
        if (senders < 1 || senders > members) throw new IllegalArgumentException("--senders must be 1..--members");
        if (load.procs > groups) throw new IllegalArgumentException("--procs must not exceed --groups (a group lives in one process)");
    }

    @Override
    Scenario scenario(List<Tokens.User> users, PrintStream progress) {
        return new GroupScenario(load, msg, groups, members, senders, users, progress);
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
