package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownServersTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void a_pinned_server_is_found_again_by_a_fresh_instance() {
        KnownServers.inProfile(dir).pin("localhost:7878", A);

        assertThat(KnownServers.inProfile(dir).fingerprint("localhost:7878")).contains(A);
        assertThat(KnownServers.inProfile(dir).fingerprint("localhost:7879")).isEmpty();
    }

    @Test
    void the_file_has_one_line_per_server_with_host_port_and_fingerprint() throws Exception {
        KnownServers known = KnownServers.inProfile(dir);
        known.pin("localhost:7878", A);
        known.pin("chat.example:443", B);

        assertThat(Files.readAllLines(dir.resolve("known_servers")))
                .containsExactly("localhost:7878 " + A, "chat.example:443 " + B);
    }

    @Test
    void pinning_again_replaces_the_fingerprint_and_keeps_comments() throws Exception {
        Files.writeString(dir.resolve("known_servers"), "# my servers\nlocalhost:7878 " + A + "\n");
        KnownServers known = KnownServers.inProfile(dir);

        known.pin("localhost:7878", B);

        assertThat(Files.readAllLines(dir.resolve("known_servers"))).containsExactly("# my servers", "localhost:7878 " + B);
    }

    @Test
    void forgetting_removes_only_that_server_and_says_whether_it_was_known() {
        KnownServers known = KnownServers.inProfile(dir);
        known.pin("one:1", A);
        known.pin("two:2", B);

        assertThat(known.forget("one:1")).isTrue();
        assertThat(known.forget("one:1")).isFalse();
        assertThat(known.list()).containsExactly(new KnownServers.Entry("two:2", B));
    }

    @Test
    void host_names_are_compared_without_case_and_ipv6_gets_brackets() {
        KnownServers known = KnownServers.inProfile(dir);
        known.pin(KnownServers.key("Chat.Example", 7878), A);

        assertThat(known.fingerprint("chat.example:7878")).contains(A);
        assertThat(KnownServers.key("::1", 7878)).isEqualTo("[::1]:7878");
    }

    @Test
    void lines_that_are_not_pins_are_ignored() throws Exception {
        Files.writeString(dir.resolve("known_servers"), "garbage\nx:1 nothex\n\ny:2 " + A + "\n");

        assertThat(KnownServers.inProfile(dir).list()).containsExactly(new KnownServers.Entry("y:2", A));
    }

    @Test
    void a_fingerprint_that_is_not_sha256_hex_is_rejected() {
        assertThatThrownBy(() -> KnownServers.inProfile(dir).pin("x:1", "abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_file_and_new_directories_are_private_to_their_owner() throws Exception {
        Path profile = dir.resolve("profile");
        KnownServers.inProfile(profile).pin("x:1", A);

        assertThat(Files.getPosixFilePermissions(profile.resolve("known_servers")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.getPosixFilePermissions(profile)).containsOnly(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    }
}
