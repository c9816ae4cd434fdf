package im.magpie.cli.bench;

import im.magpie.server.account.AccountSettings;
import im.magpie.server.config.Settings;
import im.magpie.server.store.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Seed N bench users (friends in pairs 2i/2i+1, each with a resume token) straight into the server database,",
                "replacing earlier bench users with the same prefix, and write their tokens for the scenarios.",
                "An embedded database (--data-dir) is written by its running server alone: seed before starting it.",
                "With --protocol xmpp: register the users on an XMPP server in band (XEP-0077) instead, with random passwords",
                "(the tokens file's fourth field), for `direct` and `connect --protocol xmpp`."})
final class SetupCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db = new DatabaseOptions();

    @Option(names = {"-n", "--users"}, required = true, description = "how many users")
    int users;

    @Option(names = "--extra-friends", defaultValue = "0",
            description = "more friends per user besides its chat partner (an even number; friend lists as long as real ones)")
    int extraFriends;

    @Option(names = "--tokens", defaultValue = "bench-tokens.tsv", description = "where to write user ids and resume tokens")
    Path tokens;

    @Option(names = "--protocol", defaultValue = "magpie", description = "magpie (seed the database), or xmpp (register on an XMPP server)")
    String protocol;

    @Mixin
    XmppSetupOptions xmpp = new XmppSetupOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Logging.quiet();
        PrintWriter out = spec.commandLine().getOut();
        if (users < 1 || users > 2_000_000) {
            spec.commandLine().getErr().println("magpie bench setup: --users must be 1..2000000");
            return 2;
        }
        try {
            Seeder.checkExtraFriends(users, extraFriends); // before anything is written
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("magpie bench setup: " + e.getMessage());
            return 2;
        }
        if (protocol.equals("xmpp")) return xmpp.register(users, db.prefix, tokens, out, spec.commandLine().getErr());
        if (!protocol.equals("magpie")) {
            spec.commandLine().getErr().println("magpie bench setup: --protocol must be magpie or xmpp");
            return 2;
        }
        if (!db.given()) {
            spec.commandLine().getErr().println("magpie bench setup: give --db JDBC_URL or --data-dir DIR");
            return 2;
        }
        long start = System.nanoTime();
        try (Database database = db.open()) {
            Seeder seeder = new Seeder(database, db.prefix);
            int removed = seeder.cleanup();
            Settings settings = Settings.defaults();
            List<Tokens.User> seeded = seeder.seed(users, settings,
                    Duration.ofDays(settings.get(AccountSettings.TOKEN_TTL_DAYS)));
            seeder.befriendAround(seeded, extraFriends);
            Tokens.write(tokens, seeded);
            out.printf("seeded %d users (%d friend pairs, %d more friends each, %d removed first) in %.1f s into %s; tokens in %s%n",
                    users, users / 2, extraFriends, removed, (System.nanoTime() - start) / 1e9, database.dialect(), tokens);
            out.flush();
            return 0;
        }
    }
}
