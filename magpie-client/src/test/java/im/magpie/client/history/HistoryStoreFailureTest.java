package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.fromAlice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.client.history.HistoryStoreException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistoryStoreFailureTest {

  @TempDir Path dir;

  @Test
  void a_file_of_random_garbage_is_reported_as_corrupt_and_left_untouched() throws Exception {
    Path file = dir.resolve("history.db");
    byte[] garbage = new byte[16 * 1024];
    new Random(42).nextBytes(garbage);
    Files.write(file, garbage);

    assertThatThrownBy(() -> StoreTestSupport.open(dir))
        .isInstanceOfSatisfying(HistoryStoreException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.CORRUPT);
          assertThat(e.file()).isEqualTo(file.toAbsolutePath());
          assertThat(e.getMessage()).contains(file.toAbsolutePath().toString())
              .contains("left untouched").contains("Move it aside");
        });

    assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    assertThat(filesIn(dir)).containsExactly("history.db");
  }

  @Test
  void damaged_pages_inside_a_valid_file_are_reported_as_corrupt_and_the_file_is_kept()
      throws Exception {
    try (HistoryStore store = StoreTestSupport.open(dir)) {
      for (int i = 1; i <= 200; i++) {
        store.insertIncoming(fromAlice(i, i, "message number " + i + " ".repeat(200)));
      }
    }
    Path file = dir.resolve("history.db");
    byte[] bytes = Files.readAllBytes(file);
    byte[] noise = new byte[bytes.length - 8192];
    new Random(7).nextBytes(noise);
    System.arraycopy(noise, 0, bytes, 8192, noise.length);
    Files.write(file, bytes);

    assertThatThrownBy(() -> {
      try (HistoryStore store = StoreTestSupport.open(dir)) {
        store.latestMessages(PeerRef.user(StoreTestSupport.ALICE), 500);
        store.search(SearchQuery.of("number"));
      }
    }).isInstanceOfSatisfying(HistoryStoreException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.CORRUPT));

    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void a_sqlite_database_that_is_not_ours_is_refused_and_left_untouched() throws Exception {
    Path file = dir.resolve("history.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE unrelated (x TEXT)");
    }
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> StoreTestSupport.open(dir))
        .isInstanceOfSatisfying(HistoryStoreException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.CORRUPT));

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void a_database_locked_by_another_connection_gives_locked_after_the_busy_timeout()
      throws Exception {
    try (HistoryStore store = StoreTestSupport.open(dir);
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + store.file());
        Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      s.execute("UPDATE sync_state SET last_seq = 1");

      long start = System.nanoTime();
      assertThatThrownBy(() -> store.advanceSeq(5))
          .isInstanceOfSatisfying(HistoryStoreException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.LOCKED);
            assertThat(e.getMessage()).contains("in use by another program");
          });
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsedMillis).isBetween(150L, 4_000L);

      s.execute("ROLLBACK");
      assertThat(store.advanceSeq(5)).as("usable again once the lock is gone").isEqualTo(5);
    }
  }

  @Test
  void opening_a_database_another_connection_holds_exclusively_gives_locked() throws Exception {
    StoreTestSupport.open(dir).close();
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"));
        Statement s = other.createStatement()) {
      s.execute("PRAGMA locking_mode = EXCLUSIVE");
      s.execute("BEGIN EXCLUSIVE");
      s.execute("UPDATE sync_state SET last_seq = 1");

      assertThatThrownBy(() -> StoreTestSupport.open(dir))
          .isInstanceOfSatisfying(HistoryStoreException.class,
              e -> assertThat(e.kind()).isEqualTo(Kind.LOCKED));
      s.execute("ROLLBACK");
    }
  }

  @Test
  void a_full_disk_gives_disk_full_and_the_store_stays_usable() {
    try (HistoryStore store = StoreTestSupport.open(dir)) {
      store.database().read(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA max_page_count = 64");
        }
        return null;
      }, "test: limit size");

      assertThatThrownBy(() -> {
        for (int i = 1; i <= 1_000; i++) {
          store.insertIncoming(fromAlice(i, i, "filler text ".repeat(100)));
        }
      }).isInstanceOfSatisfying(HistoryStoreException.class, e -> {
        assertThat(e.kind()).isEqualTo(Kind.DISK_FULL);
        assertThat(e.getMessage()).contains("Free some space");
      });

      assertThat(store.advanceSeq(1)).as("small writes still work").isEqualTo(1);
      assertThat(store.latestMessages(PeerRef.user(StoreTestSupport.ALICE), 1).messages())
          .isNotEmpty();
    }
  }

  @Test
  void a_directory_in_place_of_the_file_gives_io() throws Exception {
    Files.createDirectories(dir.resolve("history.db"));

    assertThatThrownBy(() -> StoreTestSupport.open(dir))
        .isInstanceOfSatisfying(HistoryStoreException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.IO));
  }

  @Test
  void a_closed_store_refuses_work_and_closing_twice_is_harmless() {
    HistoryStore store = StoreTestSupport.open(dir);
    store.close();
    store.close();

    assertThatThrownBy(store::lastSeq).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void the_database_runs_in_wal_mode_with_foreign_keys_on() {
    try (HistoryStore store = StoreTestSupport.open(dir)) {
      List<String> pragmas = store.database().read(c -> {
        try (Statement s = c.createStatement()) {
          var mode = s.executeQuery("PRAGMA journal_mode");
          mode.next();
          String journal = mode.getString(1);
          var fk = s.executeQuery("PRAGMA foreign_keys");
          fk.next();
          return List.of(journal, fk.getString(1));
        }
      }, "test: pragmas");

      assertThat(pragmas).containsExactly("wal", "1");
    }
  }

  private static List<String> filesIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
