package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadingOptionsTest {

    @Test
    void client_options_before_the_command_move_after_it() {
        assertThat(LeadingOptions.moveAfterCommand("--json", "whoami")).containsExactly("whoami", "--json");
        assertThat(LeadingOptions.moveAfterCommand("--server", "lan:7878", "--no-tls", "friends", "list"))
                .containsExactly("friends", "list", "--server", "lan:7878", "--no-tls");
        assertThat(LeadingOptions.moveAfterCommand("--user=bob", "send", "alice", "hi"))
                .containsExactly("send", "alice", "hi", "--user=bob");
    }

    @Test
    void they_stay_before_an_end_of_options_marker_so_they_remain_options() {
        assertThat(LeadingOptions.moveAfterCommand("--json", "send", "alice", "--", "--not-an-option"))
                .containsExactly("send", "alice", "--json", "--", "--not-an-option");
    }

    @Test
    void anything_else_is_left_alone() {
        assertThat(LeadingOptions.moveAfterCommand("whoami", "--json")).containsExactly("whoami", "--json");
        assertThat(LeadingOptions.moveAfterCommand("--version")).containsExactly("--version");
        assertThat(LeadingOptions.moveAfterCommand("--json")).containsExactly("--json");
        assertThat(LeadingOptions.moveAfterCommand()).isEmpty();
    }
}
