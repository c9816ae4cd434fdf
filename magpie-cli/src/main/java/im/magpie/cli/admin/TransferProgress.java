package im.magpie.cli.admin;

import im.magpie.server.transfer.TransferListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One progress bar per table on stderr, redrawn in place; nothing when turned off. */
final class TransferProgress implements TransferListener {
    private final PrintWriter err;
    private final boolean enabled;
    private ProgressBar bar;

    TransferProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void tableStarted(String table, long expectedRows) {
        if (!enabled) return;
        bar = new ProgressBarBuilder()
                .setTaskName(String.format("%-20s", table))
                .setInitialMax(Math.max(expectedRows, 0))
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" rows", 1)
                .setUpdateIntervalMillis(250)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r');
                    err.print(line);
                    err.flush();
                }, 100))
                .build();
    }

    @Override
    public void rowsCopied(long rows) {
        if (bar != null) bar.stepBy(rows);
    }

    @Override
    public void tableFinished(String table, long rows) {
        if (bar == null) return;
        bar.maxHint(rows); // the table may have grown or shrunk since it was counted
        bar.stepTo(rows);
        bar.close();
        bar = null;
        err.println();
        err.flush();
    }
}
