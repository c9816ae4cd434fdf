package im.magpie.cli.file;

import im.magpie.cli.CliContext;
import im.magpie.client.MessengerEvent;
import im.magpie.client.MessengerListener;
import im.magpie.client.files.FileDirection;

/** What the file commands share: progress lines on stderr. */
final class FileCommands {
    private FileCommands() {}

    /** Prints transfer progress to stderr at each tenth, unless the output is JSON. */
    static MessengerListener progress(CliContext ctx, FileTexts text, String name) {
        int[] lastTenth = {-1};
        return event -> {
            if (ctx.output().json() || !(event instanceof MessengerEvent.FileProgress p) || p.totalBytes() == 0) return;
            int tenth = (int) (p.bytesDone() * 10 / p.totalBytes());
            if (tenth == lastTenth[0]) return;
            lastTenth[0] = tenth;
            String key = p.direction() == FileDirection.UPLOAD ? "file.progress.up" : "file.progress.down";
            ctx.output().notice(text.get(key, name, FileTexts.size(p.bytesDone()), FileTexts.size(p.totalBytes()), tenth * 10));
        };
    }
}
