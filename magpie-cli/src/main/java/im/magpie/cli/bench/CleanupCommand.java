package im.magpie.cli.bench;

import im.magpie.server.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Remove the bench users (by --prefix) and their sessions, friendships and inboxes from the server database.")
final class CleanupCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db = new DatabaseOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Logging.quiet();
        if (!db.given()) {
            spec.commandLine().getErr().println("magpie bench cleanup: give --db JDBC_URL or --data-dir DIR");
            return 2;
        }
        try (Database database = db.open()) {
            int removed = new Seeder(database, db.prefix).cleanup();
            spec.commandLine().getOut().println("removed " + removed + " bench users");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
