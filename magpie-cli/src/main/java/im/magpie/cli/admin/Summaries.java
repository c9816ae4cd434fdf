package im.magpie.cli.admin;

import im.magpie.cli.CliException;
import im.magpie.cli.ExitCode;
import im.magpie.cli.Messages;
import im.magpie.server.store.StoreException;
import im.magpie.server.transfer.TransferException;
import im.magpie.server.transfer.TransferSummary;
import java.io.PrintWriter;
import java.util.Map;

/** The summary table both commands print, and how their failures become exit codes. */
final class Summaries {
    private Summaries() {}

    static void print(PrintWriter out, Messages messages, TransferSummary summary) {
        for (Map.Entry<String, Long> e : summary.rowsPerTable().entrySet()) {
            out.printf("  %-22s %,12d%n", e.getKey(), e.getValue());
        }
        out.printf("  %-22s %,12d%n", messages.get("admin.total"), summary.totalRows());
        out.flush();
    }

    static CliException failure(Messages messages, RuntimeException e) {
        if (e instanceof TransferException.TargetNotEmpty) return new CliException(ExitCode.CONFLICT, e.getMessage());
        if (e instanceof StoreException) return new CliException(ExitCode.NETWORK, messages.get("admin.db-failed", e.getMessage()));
        return new CliException(ExitCode.BAD_REQUEST, e.getMessage());
    }
}
