package im.magpie.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which embedded database a data directory gets, and SQLite's one writer under concurrent transactions. */
class EmbeddedDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void a_new_data_directory_gets_sqlite_and_one_made_with_h2_keeps_it() {
        Path fresh = dir.resolve("fresh");
        assertThat(Database.embeddedUrl(fresh)).startsWith("jdbc:sqlite:").endsWith("magpie.sqlite");

        Path old = dir.resolve("old");
        try (Database h2 = Database.open(Database.h2Url(old), "", "", 2)) {
            assertThat(h2.dialect()).isEqualTo(Dialect.H2);
        }
        assertThat(Database.holdsLegacyH2(old)).isTrue();
        assertThat(Database.embeddedUrl(old)).startsWith("jdbc:h2:file:");
    }

    @Test
    void an_h2_directory_with_a_journal_left_by_a_killed_earlier_server_is_refused_with_the_way_out() throws Exception {
        Path old = dir.resolve("old");
        try (Database h2 = Database.open(Database.h2Url(old), "", "", 2)) {
            assertThat(h2.dialect()).isEqualTo(Dialect.H2);
        }
        Files.createDirectories(old.resolve("journal"));
        Files.write(old.resolve("journal").resolve("00000000000000000007.log"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Database.embeddedUrl(old)).isInstanceOf(StoreException.class)
                .hasMessageContaining("send journal").hasMessageContaining("stop it cleanly");

        Files.write(old.resolve("journal").resolve("00000000000000000007.log"), new byte[0]);
        assertThat(Database.embeddedUrl(old)).as("an empty segment holds nothing to replay").startsWith("jdbc:h2:file:");
    }

    @Test
    void concurrent_read_then_write_transactions_on_sqlite_neither_fail_nor_lose_an_update() throws Exception {
        try (Database db = Database.open(Database.sqliteUrl(dir), "", "", 8)) {
            assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)"));
            db.jdbi().useHandle(h -> h.execute("INSERT INTO counter (id, n) VALUES (1, 0)"));
            int threads = 8;
            int each = 50;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            // Read, then write what was read plus one: a lost update or a lock that
                            // cannot be upgraded (SQLITE_BUSY) would show here.
                            db.jdbi().useTransaction(h -> {
                                long n = h.createQuery("SELECT n FROM counter WHERE id = 1<for_update>").mapTo(Long.class).one();
                                h.createUpdate("UPDATE counter SET n = :n WHERE id = 1").bind("n", n + 1).execute();
                            });
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdownNow();
            }
            long total = db.jdbi().withHandle(h -> h.createQuery("SELECT n FROM counter WHERE id = 1").mapTo(Long.class).one());
            assertThat(total).isEqualTo((long) threads * each);
        }
    }

    @Test
    void a_unique_violation_on_sqlite_is_recognised_as_one() {
        try (Database db = Database.open(Database.sqliteUrl(dir), "", "", 2)) {
            db.jdbi().useHandle(h -> h.execute("INSERT INTO users (user_id, username, nickname, password_hash, created_ms) "
                    + "VALUES (1, 'ann', 'Ann', 'x', 0)"));
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("INSERT INTO users (user_id, username, nickname, "
                    + "password_hash, created_ms) VALUES (2, 'ann', 'Ann', 'x', 0)")))
                    .satisfies(e -> assertThat(Sql.isUniqueViolation(e)).isTrue());
        }
    }
}
