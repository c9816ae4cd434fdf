package im.magpie.client.profile;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.history.HistoryPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStoreTest {
    @TempDir
    Path profile;

    @Test
    void a_saved_account_is_found_listed_and_deleted() {
        AccountStore store = new AccountStore(profile);
        StoredAccount bob = new StoredAccount("localhost:7878", 7, "bob", "token-b", 99);
        StoredAccount alice = new StoredAccount("localhost:7878", 3, "alice", "token-a", 0);
        store.save(bob);
        store.save(alice);
        store.save(new StoredAccount("other:1", 9, "carol", "token-c", 0));

        assertThat(store.find("localhost:7878", "BOB")).contains(bob);
        assertThat(store.list("localhost:7878")).containsExactly(alice, bob);
        assertThat(store.delete("localhost:7878", "bob")).isTrue();
        assertThat(store.delete("localhost:7878", "bob")).isFalse();
        assertThat(store.list("localhost:7878")).containsExactly(alice);
        assertThat(store.list("nowhere:5")).isEmpty();
    }

    @Test
    void the_session_lives_beside_the_accounts_local_history() {
        AccountStore store = new AccountStore(profile);

        assertThat(store.accountDir("Chat.Example:7878", "Alice").resolve("history.db"))
                .isEqualTo(HistoryPaths.databaseFile(profile, "chat.example", 7878, "alice"));
        assertThat(store.accountDir("[::1]:7878", "bob").resolve("history.db"))
                .isEqualTo(HistoryPaths.databaseFile(profile, "::1", 7878, "bob"));
    }

    @Test
    void the_session_file_is_private_and_never_printed_with_its_token() throws Exception {
        AccountStore store = new AccountStore(profile);
        StoredAccount account = new StoredAccount("localhost:7878", 7, "bob", "secret-token", 0);
        store.save(account);

        assertThat(Files.getPosixFilePermissions(store.sessionFile("localhost:7878", "bob")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(account.toString()).doesNotContain("secret-token");
    }

    @Test
    void names_cannot_escape_the_profile_directory() {
        AccountStore store = new AccountStore(profile);

        assertThat(store.sessionFile("localhost:7878", "..").normalize()).startsWithRaw(profile.resolve("accounts"));
        assertThat(store.sessionFile("../../etc:7878", "x").normalize()).startsWithRaw(profile.resolve("accounts"));
    }
}
