package im.magpie.cli.admin;

import im.magpie.cli.CliEnvironment;
import im.magpie.cli.Main;
import im.magpie.cli.Messages;
import im.magpie.server.store.Database;
import im.magpie.server.store.StoreException;
import im.magpie.server.transfer.Exporter;
import im.magpie.server.transfer.TransferException;
import im.magpie.server.transfer.TransferSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magpie admin export FILE}: every table of a server database into one dump file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write all data of a server database (accounts with password hashes, friends, requests, categories,",
                "groups, messages, inboxes, receipts, avatars, ...) to FILE, streaming, whatever the database.",
                "PostgreSQL and MariaDB are read in one snapshot while the server runs; stop a server on an embedded database first."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    DatabaseTarget db = new DatabaseTarget();

    @Parameters(index = "0", paramLabel = "FILE", description = "the dump to write (gzip'd; replaced when complete)")
    Path file;

    @Option(names = "--without-sessions", description = "leave logged-in devices out (everyone logs in again with their password)")
    boolean withoutSessions;

    @Option(names = "--no-progress", description = "no progress bars on stderr")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliEnvironment env = Main.environment(spec);
        Messages messages = Messages.of(env);
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        TransferSummary summary;
        try (Database database = db.open(); OutputStream out = Files.newOutputStream(partial)) {
            summary = new Exporter(database, Clock.systemUTC())
                    .export(out, new Exporter.Options(!withoutSessions), new TransferProgress(env.err(), !noProgress));
        } catch (TransferException | StoreException e) {
            deleteQuietly(partial);
            throw Summaries.failure(messages, e);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.out().println(messages.get("admin.export.done", file, summary.sourceDatabase(), summary.schemaVersion()));
        Summaries.print(env.out(), messages, summary);
        return 0;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }
}
