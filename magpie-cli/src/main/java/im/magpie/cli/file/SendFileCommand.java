package im.magpie.cli.file;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.chat.Peers;
import im.magpie.client.Messenger;
import im.magpie.client.files.FileOffer;
import im.magpie.client.files.FileTransfers;
import im.magpie.client.files.OutgoingFile;
import im.magpie.client.history.PeerRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code magpie send-file USER PATH} / {@code magpie send-file --group G PATH}: offers the file,
 * uploads it through the server and exits once the recipients can fetch it. Interrupted, the same
 * command again resumes the upload where it stopped (no second offer).
 */
@Command(name = "send-file", description = "Send a file or image to a friend or a group (through the server; an interrupted upload resumes when run again).")
public final class SendFileCommand extends ClientCommand {
    @Option(names = "--group", paramLabel = "GROUP", description = "Send to a group (id or name) instead of a user.")
    String group;

    @Parameters(paramLabel = "USER PATH", arity = "1..2", description = "The recipient (username or user id), then the file.")
    List<String> args;

    @Override
    protected ExitCode execute(CliContext ctx) throws Exception {
        if (args.size() != (group == null ? 2 : 1)) throw new im.magpie.cli.CliException(ExitCode.USAGE, FileTexts.of(ctx).get("error.file.usage"));
        Path path = Path.of(args.get(args.size() - 1));
        FileTexts text = FileTexts.of(ctx);
        if (!Files.isRegularFile(path)) throw new im.magpie.cli.CliException(ExitCode.USAGE, text.get("error.file.not-found", path));
        try (ClientSession session = ClientSession.resume(ctx)) {
            Messenger messenger = session.messenger();
            FileTransfers files = messenger.files();
            PeerRef to = group != null ? Peers.group(ctx.messages(), messenger, group)
                    : Peers.user(ctx.messages(), messenger, true, args.get(0));
            OutgoingFile file = FileTransfers.describe(to, path);
            messenger.addListener(Runnable::run, FileCommands.progress(ctx, text, file.name()));
            files.pendingUploads().stream()
                    .filter(p -> p.to().equals(to) && p.sha256().equals(file.sha256()) && p.path().equals(file.path()))
                    .findFirst().ifPresent(p -> ctx.output().notice(text.get("file.resuming", String.valueOf(p.fileId()))));
            FileOffer sent = ClientSession.join(files.send(file));
            ctx.output().result(FileTexts.json(sent), text.get("file.sent", sent.name(), FileTexts.size(sent.size()),
                    Peers.peerName(messenger, to), String.valueOf(sent.fileId()), FileTexts.time(sent.expiresAt())));
            return ExitCode.SUCCESS;
        }
    }
}
