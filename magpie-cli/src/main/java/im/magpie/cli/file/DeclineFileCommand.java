package im.magpie.cli.file;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code magpie decline-file ID}: declines an offer; the sender is told. */
@Command(name = "decline-file", description = "Decline a file offered to you (the sender is told).")
public final class DeclineFileCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The file id (from receive or files).")
    long fileId;

    @Override
    protected ExitCode execute(CliContext ctx) {
        try (ClientSession session = ClientSession.resume(ctx)) {
            ClientSession.join(session.messenger().files().decline(fileId));
            ctx.output().result(Map.of("fileId", fileId, "declined", true),
                    FileTexts.of(ctx).get("file.declined", Long.toUnsignedString(fileId)));
            return ExitCode.SUCCESS;
        }
    }
}
