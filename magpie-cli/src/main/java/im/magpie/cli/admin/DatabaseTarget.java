package im.magpie.cli.admin;

import im.magpie.server.store.Database;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which database an admin command works on: a JDBC URL, or the embedded database of a data directory. */
final class DatabaseTarget {
    static final class Where {
        @Option(names = "--db", description = "JDBC URL of the database (jdbc:postgresql:..., jdbc:mariadb:..., jdbc:sqlite:..., jdbc:h2:...)")
        String url;

        @Option(names = "--data-dir", description = "a server data directory: its embedded database (SQLite, or H2 made by an earlier version; stop that server first)")
        Path dataDir;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    @Option(names = "--db-user", defaultValue = "", description = "database user")
    String user;

    @Option(names = "--db-password", defaultValue = "${env:MAGPIE_DB_PASSWORD}",
            description = "database password (default: the MAGPIE_DB_PASSWORD environment variable)")
    String password;

    String jdbcUrl() {
        return where.url != null ? where.url : Database.embeddedUrl(where.dataDir.toAbsolutePath().normalize());
    }

    /** Opens the pool and brings the schema to this Magpie's version (an empty database gets it made). */
    Database open() {
        return Database.open(jdbcUrl(), user, password, 2);
    }
}
