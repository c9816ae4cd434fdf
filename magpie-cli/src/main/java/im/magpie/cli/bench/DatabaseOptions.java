package im.magpie.cli.bench;

import im.magpie.server.store.Database;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which server database the setup helpers write to: a JDBC URL, or the embedded database of a data directory. */
final class DatabaseOptions {
    static final class Where {
        @Option(names = "--db", description = "JDBC URL of the server database (jdbc:postgresql:..., jdbc:mariadb:..., jdbc:sqlite:..., jdbc:h2:...)")
        String url;

        @Option(names = "--data-dir", description = "the server's data directory (its embedded database; the server must be stopped)")
        Path dataDir;
    }

    /** Optional only for `setup --protocol xmpp`, which registers users on the XMPP server instead. */
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Where where;

    @Option(names = "--db-user", defaultValue = "", description = "database user")
    String user;

    @Option(names = "--db-password", defaultValue = "", description = "database password", interactive = false)
    String password;

    @Option(names = "--prefix", defaultValue = "bench", description = "usernames of bench users start with this")
    String prefix;

    boolean given() {
        return where != null;
    }

    String jdbcUrl() {
        if (where == null) throw new IllegalArgumentException("give --db JDBC_URL or --data-dir DIR");
        return where.url != null ? where.url : Database.embeddedUrl(where.dataDir.toAbsolutePath().normalize());
    }

    Database open() {
        return Database.open(jdbcUrl(), user, password, 2);
    }
}
