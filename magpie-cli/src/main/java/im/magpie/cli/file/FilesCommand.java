package im.magpie.cli.file;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.chat.Peers;
import im.magpie.client.Messenger;
import im.magpie.client.files.FileOffer;
import im.magpie.client.files.PendingUploads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code magpie files}: the files on the server this user sent or was offered (not expired), with
 * their state, and the uploads this profile has not finished. One JSON line each with --json.
 */
@Command(name = "files", description = "List your files on the server (sent and offered to you) with their state, and unfinished uploads.")
public final class FilesCommand extends ClientCommand {

    @Override
    protected ExitCode execute(CliContext ctx) {
        FileTexts text = FileTexts.of(ctx);
        try (ClientSession session = ClientSession.resume(ctx)) {
            Messenger messenger = session.messenger();
            long me = messenger.userId();
            List<FileOffer> all = ClientSession.join(messenger.files().list());
            List<PendingUploads.Pending> pending = messenger.files().pendingUploads();
            if (all.isEmpty() && pending.isEmpty() && !ctx.output().json()) ctx.output().result(Map.of(), text.get("file.list.none"));
            for (FileOffer f : all) {
                boolean mine = f.senderId() == me;
                String line = mine
                        ? text.get("file.list.sent", Long.toUnsignedString(f.fileId()), f.name(), FileTexts.size(f.size()),
                                Peers.peerName(messenger, f.to()), text.state(f, true), FileTexts.time(f.expiresAt()))
                        : text.get("file.list.received", Long.toUnsignedString(f.fileId()),
                                Peers.userName(messenger, f.senderId()), f.name(),
                                FileTexts.size(f.size()), text.state(f, false), FileTexts.time(f.expiresAt()));
                Map<String, Object> json = FileTexts.json(f);
                json.put("direction", mine ? "sent" : "received");
                ctx.output().result(json, line);
            }
            for (PendingUploads.Pending p : pending) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("fileId", p.fileId());
                json.put("direction", "unfinished-upload");
                json.put("to", p.to().toString());
                json.put("path", p.path().toString());
                ctx.output().result(json, text.get("file.list.pending", Long.toUnsignedString(p.fileId()), p.path(),
                        Peers.peerName(messenger, p.to())));
            }
            return ExitCode.SUCCESS;
        }
    }
}
