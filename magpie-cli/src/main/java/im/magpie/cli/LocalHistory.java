package im.magpie.cli;

import im.magpie.client.history.HistoryPaths;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.profile.StoredAccount;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command finds the local history of an account (see {@link HistoryPaths}). */
public final class LocalHistory {
    private LocalHistory() {}

    public static Path file(CliContext ctx, StoredAccount account) {
        ServerAddress server = ctx.server();
        return HistoryPaths.databaseFile(ctx.profileDir(), server.host(), server.port(), account.username());
    }

    public static boolean exists(CliContext ctx, StoredAccount account) {
        return account != null && Files.exists(file(ctx, account));
    }

    /**
     * Opens (creating if needed) the account's history database.
     *
     * @throws im.magpie.client.history.HistoryStoreException a damaged or locked file, named in the message
     */
    public static HistoryStore open(CliContext ctx, StoredAccount account) {
        return HistoryStore.open(file(ctx, account));
    }
}
