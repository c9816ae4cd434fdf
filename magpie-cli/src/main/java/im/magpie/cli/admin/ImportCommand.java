package im.magpie.cli.admin;

import im.magpie.cli.CliEnvironment;
import im.magpie.cli.Main;
import im.magpie.cli.Messages;
import im.magpie.server.store.Database;
import im.magpie.server.store.StoreException;
import im.magpie.server.transfer.Importer;
import im.magpie.server.transfer.TransferException;
import im.magpie.server.transfer.TransferSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magpie admin import FILE}: fills an empty server database from a dump. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Fill a server database from a dump made by 'magpie admin export' (any database to any other).",
                "The database is given this Magpie's schema first; it must be empty unless --force is given.",
                "No server may use it meanwhile."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    DatabaseTarget db = new DatabaseTarget();

    @Parameters(index = "0", paramLabel = "FILE", description = "the dump to read")
    Path file;

    @Option(names = "--force", description = "delete everything the database already holds, then import")
    boolean force;

    @Option(names = "--no-progress", description = "no progress bars on stderr")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliEnvironment env = Main.environment(spec);
        Messages messages = Messages.of(env);
        TransferSummary summary;
        try (InputStream in = Files.newInputStream(file); Database database = db.open()) {
            summary = new Importer(database, Clock.systemUTC())
                    .importDump(in, new Importer.Options(force), new TransferProgress(env.err(), !noProgress));
        } catch (TransferException | StoreException e) {
            throw Summaries.failure(messages, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.out().println(messages.get("admin.import.done", file, summary.sourceDatabase(), summary.schemaVersion()));
        Summaries.print(env.out(), messages, summary);
        return 0;
    }
}
