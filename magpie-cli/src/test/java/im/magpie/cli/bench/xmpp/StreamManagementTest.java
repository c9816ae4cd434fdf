package im.magpie.cli.bench.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamManagementTest {
    private final StreamManagement sm = new StreamManagement();

    @Test
    void an_ack_covers_every_stanza_up_to_its_count_in_the_order_sent_and_skips_untracked_ones() {
        sm.sent(1001);
        sm.sent(StreamManagement.NOT_TRACKED);
        sm.sent(1002);
        sm.sent(1003);

        assertThat(sm.acknowledged(2)).containsExactly(1001L);
        assertThat(sm.acknowledged(2)).isEmpty(); // the same count again: nothing new
        assertThat(sm.acknowledged(4)).containsExactly(1002L, 1003L);
        assertThat(sm.unacknowledged()).isZero();
    }

    @Test
    void incoming_stanzas_are_counted_for_the_answer_to_the_servers_request() {
        for (int i = 0; i < 5; i++) sm.received();
        assertThat(sm.receivedCount()).isEqualTo(5);
    }

    @Test
    void an_ack_for_more_than_was_sent_is_an_error() {
        sm.sent(1);
        assertThatThrownBy(() -> sm.acknowledged(2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only 1 are open");
    }
}
