package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ArgumentsTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void a_target_outside_loopback_is_refused_without_allow_remote() {
        assertThatThrownBy(() -> Target.resolve("192.0.2.10", 7878, false, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--allow-remote");
        assertThat(Target.resolve("192.0.2.10", 7878, false, true, 1).address().getHostAddress()).isEqualTo("192.0.2.10");
    }

    @Test
    void loopback_targets_may_spread_over_several_source_addresses() {
        Target t = Target.resolve("127.0.0.1", 7878, false, false, 3);

        assertThat(t.sourceAddresses()).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(t.sourceFor(4).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(Target.resolve("127.0.0.1", 7878, false, false, 1).sourceFor(9)).isNull();
        assertThatThrownBy(() -> Target.resolve("192.0.2.10", 7878, false, true, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.resolve("127.0.0.1", 0, false, false, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ports_of_a_cluster_spread_friends_over_different_nodes_or_keep_pairs_together() {
        Target t = Target.resolve("127.0.0.1", 7878, false, false, 1);
        assertThat(t.portFor(5)).isEqualTo(7878);
        Target spread = t.onNodes(java.util.List.of(17501, 17502, 17503), false);
        for (int pair = 0; pair < 10; pair++) {
            assertThat(spread.portFor(2 * pair)).as("pair %d", pair).isNotEqualTo(spread.portFor(2 * pair + 1));
        }
        assertThat(java.util.stream.IntStream.range(0, 6).map(spread::portFor).boxed().distinct()).hasSize(3);
        Target together = t.onNodes(java.util.List.of(17501, 17502, 17503), true);
        assertThat(together.portFor(6)).isEqualTo(together.portFor(7)).isEqualTo(17501);
        assertThat(together.portFor(2)).isEqualTo(17502);
        assertThatThrownBy(() -> t.onNodes(java.util.List.of(0), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_load_is_split_between_processes_without_gaps_or_overlaps() {
        int total = 0;
        int expectedFrom = 0;
        for (int i = 0; i < 3; i++) {
            int[] s = LoadOptions.slice(1000, i, 3);
            assertThat(s[0]).isEqualTo(expectedFrom);
            total += s[1] - s[0];
            expectedFrom = s[1];
        }
        assertThat(total).isEqualTo(1000);
        assertThat(expectedFrom).isEqualTo(1000);
    }

    @Test
    void a_run_needs_either_an_open_loop_rate_or_a_closed_loop_window() {
        MessagingOptions neither = new MessagingOptions();
        assertThatThrownBy(neither::validate).hasMessageContaining("--window");

        MessagingOptions both = new MessagingOptions();
        both.rates = List.of(1000.0);
        both.window = 4;
        assertThatThrownBy(both::validate).hasMessageContaining("either");

        MessagingOptions open = new MessagingOptions();
        open.rates = List.of(1000.0, 5000.0);
        open.warmupSeconds = 1;
        open.durationSeconds = 5;
        open.drainSeconds = 5;
        open.messageBytes = 32;
        open.validate();
        assertThat(open.rates()).containsExactly(1000.0, 5000.0);
    }

    @Test
    void bad_arguments_exit_with_2_and_say_which_option_is_wrong() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "direct", "--rate", "1000", "--window", "2", "--tokens", "missing.tsv")).isEqualTo(2);
        assertThat(err.toString()).contains("either");

        StringWriter err2 = new StringWriter();
        assertThat(run(err2, "connect", "-c", "10", "--host", "192.0.2.1", "--tokens", "missing.tsv")).isEqualTo(2);

        StringWriter rounds = new StringWriter();
        assertThat(run(rounds, "connect", "-c", "10", "--rounds", "2", "--hold", "0", "--tokens", "missing.tsv")).isEqualTo(2);
        assertThat(rounds.toString()).contains("--hold");

        StringWriter err3 = new StringWriter();
        assertThat(run(err3, "direct", "--rate", "-5", "--tokens", "missing.tsv")).isEqualTo(2);
        StringWriter err4 = new StringWriter();
        assertThat(run(err4, "group", "--rate", "100", "--members", "10", "--senders", "11", "--tokens", "missing.tsv"))
                .isEqualTo(2);
    }

    @Test
    void xmpp_is_refused_for_scenarios_it_cannot_drive_and_with_tls_and_an_unknown_protocol_is_named() {
        StringWriter group = new StringWriter();
        assertThat(run(group, "group", "--protocol", "xmpp", "--groups", "1", "--members", "3", "--rate", "10")).isEqualTo(2);
        assertThat(group.toString()).contains("--protocol xmpp works with `direct` and `connect` only");

        StringWriter tls = new StringWriter();
        assertThat(run(tls, "direct", "--protocol", "xmpp", "--tls", "--rate", "10")).isEqualTo(2);
        assertThat(tls.toString()).contains("plain TCP only");

        StringWriter unknown = new StringWriter();
        assertThat(run(unknown, "connect", "--protocol", "irc", "-c", "1")).isEqualTo(2);
        assertThat(unknown.toString()).contains("--protocol must be magpie or xmpp: irc");
    }

    @Test
    void the_port_defaults_to_the_protocols_own() {
        LoadOptions magpie = new LoadOptions();
        magpie.protocol = "magpie";
        LoadOptions xmpp = new LoadOptions();
        xmpp.protocol = "xmpp";

        assertThat(magpie.port()).isEqualTo(7878);
        assertThat(xmpp.port()).isEqualTo(5222);
        assertThat(xmpp.wire()).isInstanceOf(Wire.Xmpp.class);
    }

    @Test
    void setup_without_a_database_is_refused_unless_it_registers_on_an_xmpp_server() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "setup", "--users", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("give --db JDBC_URL or --data-dir DIR");

        StringWriter cleanup = new StringWriter();
        assertThat(run(cleanup, "cleanup")).isEqualTo(2);
        assertThat(cleanup.toString()).contains("--data-dir");
    }
}
