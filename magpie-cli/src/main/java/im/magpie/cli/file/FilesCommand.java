package im.magpie.cli.file;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.chat.Peers;
import im.magpie.client.files.FileOffer;
import im.magpie.client.files.FileTransfers;
import im.magpie.client.files.PendingUploads;
import im.magpie.client.profile.StoredAccount;
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
        try (ClientSession session = ClientSession.resume(ctx); FileTransfers files = FileCommands.transfers(ctx, session)) {
            StoredAccount me = session.account().orElseThrow();
            List<FileOffer> all = ClientSession.join(files.list());
            List<PendingUploads.Pending> pending = files.pendingUploads();
            if (all.isEmpty() && pending.isEmpty() && !ctx.output().json()) ctx.output().result(Map.of(), text.get("file.list.none"));
            for (FileOffer f : all) {
                boolean mine = f.senderId() == me.userId();
                String line = mine
                        ? text.get("file.list.sent", Long.toUnsignedString(f.fileId()), f.name(), FileTexts.size(f.size()),
                                Peers.peerName(session.history(), me.userId(), me.username(), f.to()), text.state(f, true),
                                FileTexts.time(f.expiresAt()))
                        : text.get("file.list.received", Long.toUnsignedString(f.fileId()),
                                Peers.userName(session.history(), me.userId(), me.username(), f.senderId()), f.name(),
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
                        Peers.peerName(session.history(), me.userId(), me.username(), p.to())));
            }
            return ExitCode.SUCCESS;
        }
    }
}
