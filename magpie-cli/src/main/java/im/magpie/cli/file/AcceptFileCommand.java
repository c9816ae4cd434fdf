package im.magpie.cli.file;

import im.magpie.cli.CliContext;
import im.magpie.cli.CliException;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.files.FileIntegrityException;
import im.magpie.client.files.FileTransfers;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code magpie accept-file ID [--to DIR]}: accepts an offer and fetches it, checking its SHA-256.
 * An interrupted fetch leaves {@code NAME.ID.part} in the directory; the same command again
 * continues from there.
 */
@Command(name = "accept-file", description = "Accept a file offered to you and save it (an interrupted download resumes when run again).")
public final class AcceptFileCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The file id (from receive or files).")
    long fileId;

    @Option(names = "--to", paramLabel = "DIR", description = "Save into this directory (default: the current directory).")
    Path dir;

    @Override
    protected ExitCode execute(CliContext ctx) {
        FileTexts text = FileTexts.of(ctx);
        Path into = (dir != null ? dir : Path.of("")).toAbsolutePath();
        try (ClientSession session = ClientSession.resume(ctx)) {
            FileTransfers files = session.messenger().files();
            session.messenger().addListener(Runnable::run, FileCommands.progress(ctx, text, Long.toUnsignedString(fileId)));
            Path saved;
            try {
                saved = files.accept(fileId, into).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof FileIntegrityException) throw new CliException(ExitCode.INTERNAL, text.get("error.file.integrity"));
                throw e;
            }
            ctx.output().result(Map.of("fileId", fileId, "path", saved.toString()),
                    text.get("file.saved", Long.toUnsignedString(fileId), saved));
            return ExitCode.SUCCESS;
        }
    }
}
