package im.magpie.client.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistoryPathsTest {

  final Path profile = Path.of("/home/me/.magpie");

  @Test
  void the_database_lives_under_accounts_server_and_username() {
    assertThat(HistoryPaths.databaseFile(profile, "Chat.Example.org", 7878, "Alice"))
        .isEqualTo(Path.of("/home/me/.magpie/accounts/chat.example.org_7878/alice/history.db"));
  }

  @Test
  void odd_characters_cannot_escape_the_profile_directory() {
    Path file = HistoryPaths.databaseFile(profile, "::1", 7878, "../../etc");

    assertThat(file).isEqualTo(Path.of("/home/me/.magpie/accounts/__1_7878/.._.._etc/history.db"));
    assertThat(file.normalize().startsWith(profile)).isTrue();
    assertThat(HistoryPaths.databaseFile(profile, "h", 1, "..").getParent().getFileName())
        .hasToString("__");
  }

  @Test
  void a_bad_port_or_blank_name_is_refused() {
    assertThatThrownBy(() -> HistoryPaths.databaseFile(profile, "h", 0, "a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistoryPaths.databaseFile(profile, "h", 1, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
