package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.fromAlice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.client.history.HistoryStoreException.Kind;
import im.magpie.client.history.StoreTestSupport.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistoryStoreMigrationTest {

  static final Migration V2 = new Migration(2, "contacts get a birthday",
      List.of("ALTER TABLE contacts ADD COLUMN birthday TEXT"));

  @TempDir Path dir;

  Path file() {
    return dir.resolve("history.db");
  }

  HistoryStore open(List<Migration> migrations) {
    return HistoryStore.open(file(), StoreTestSupport.options(new ManualClock(0)), migrations);
  }

  @Test
  void a_new_database_is_created_at_the_current_version_without_a_backup() throws Exception {
    try (HistoryStore store = HistoryStore.open(file())) {
      assertThat(store.file()).isEqualTo(file().toAbsolutePath());
    }

    assertThat(userVersion(file())).isEqualTo(HistoryStore.SCHEMA_VERSION);
    assertThat(Files.exists(dir.resolve("history.db.bak-v0"))).isFalse();
  }

  @Test
  void an_older_database_is_backed_up_before_it_is_migrated() throws Exception {
    try (HistoryStore v1 = open(List.of(Schema.V1))) {
      v1.insertIncoming(fromAlice(10, 1_000, "kept through the upgrade"));
    }

    try (HistoryStore v2 = open(List.of(Schema.V1, V2))) {
      assertThat(v2.messageById(10).orElseThrow().text()).isEqualTo("kept through the upgrade");
    }

    Path backup = dir.resolve("history.db.bak-v1");
    assertThat(backup).exists();
    assertThat(userVersion(backup)).isEqualTo(1);
    assertThat(count(backup, "SELECT count(*) FROM messages WHERE message_id = 10")).isEqualTo(1);
    assertThat(userVersion(file())).isEqualTo(2);
  }

  @Test
  void an_up_to_date_database_is_not_backed_up_again() throws Exception {
    open(List.of(Schema.V1)).close();
    open(List.of(Schema.V1, V2)).close();
    open(List.of(Schema.V1, V2)).close();

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".bak-")))
          .containsExactly("history.db.bak-v1");
    }
  }

  @Test
  void a_second_migration_attempt_keeps_the_first_backup() throws Exception {
    open(List.of(Schema.V1)).close();
    Migration broken = new Migration(2, "broken", List.of("ALTER TABLE nowhere ADD COLUMN x"));

    assertThatThrownBy(() -> open(List.of(Schema.V1, broken)))
        .isInstanceOf(HistoryStoreException.class);
    assertThat(userVersion(file())).as("a failed migration changes nothing").isEqualTo(1);

    open(List.of(Schema.V1, V2)).close();

    assertThat(dir.resolve("history.db.bak-v1")).exists();
    assertThat(dir.resolve("history.db.bak-v1.2")).exists();
    assertThat(userVersion(file())).isEqualTo(2);
  }

  @Test
  void a_database_from_a_newer_version_is_refused_and_left_untouched() throws Exception {
    open(List.of(Schema.V1)).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }

    assertThatThrownBy(() -> open(List.of(Schema.V1)))
        .isInstanceOfSatisfying(HistoryStoreException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.NEWER_SCHEMA);
          assertThat(e.getMessage()).contains("schema version 99");
        });
    assertThat(userVersion(file())).isEqualTo(99);
  }

  private static long userVersion(Path db) throws Exception {
    return count(db, "PRAGMA user_version");
  }

  private static long count(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
