package im.magpie.cli.file;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientSession;
import im.magpie.cli.LocalHistory;
import im.magpie.client.files.FileDirection;
import im.magpie.client.files.FileEvent;
import im.magpie.client.files.FileTransfers;
import java.nio.file.Path;
import java.util.function.Consumer;

/** What the file commands share: the transfers of a session and progress lines on stderr. */
final class FileCommands {
    /** The file in the account's directory that remembers unfinished uploads. */
    static final String PENDING_UPLOADS_FILE = "uploads.properties";

    private FileCommands() {}

    static FileTransfers transfers(CliContext ctx, ClientSession session) {
        Path accountDir = LocalHistory.file(ctx, session.account().orElseThrow()).getParent();
        return FileTransfers.builder().client(session.client()).pendingUploads(accountDir.resolve(PENDING_UPLOADS_FILE)).build();
    }

    /** Prints progress to stderr at each tenth, unless the output is JSON. */
    static Consumer<FileEvent> progress(CliContext ctx, FileTexts text, String name) {
        int[] lastTenth = {-1};
        return event -> {
            if (ctx.output().json() || !(event instanceof FileEvent.Progress p) || p.totalBytes() == 0) return;
            int tenth = (int) (p.bytesDone() * 10 / p.totalBytes());
            if (tenth == lastTenth[0]) return;
            lastTenth[0] = tenth;
            String key = p.direction() == FileDirection.UPLOAD ? "file.progress.up" : "file.progress.down";
            ctx.output().notice(text.get(key, name, FileTexts.size(p.bytesDone()), FileTexts.size(p.totalBytes()), tenth * 10));
        };
    }
}
