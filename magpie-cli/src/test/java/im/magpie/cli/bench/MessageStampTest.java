package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.protocol.Limits;
import org.junit.jupiter.api.Test;

class MessageStampTest {

    @Test
    void a_stamp_survives_the_round_trip_through_the_client_msg_id() {
        MessageStamp stamp = new MessageStamp("k3x9a", 123_456, 987_654_321_012_345L);

        String id = stamp.encode();

        assertThat(MessageStamp.decode(id, "k3x9a")).isEqualTo(stamp);
        assertThat(id.length()).isLessThanOrEqualTo(Limits.CLIENT_MSG_ID_MAX_CHARS);
    }

    @Test
    void the_largest_stamp_still_fits_the_protocol_limit() {
        String id = new MessageStamp("zzzzzzzz", Long.MAX_VALUE, Long.MAX_VALUE).encode();
        assertThat(id.length()).isLessThanOrEqualTo(Limits.CLIENT_MSG_ID_MAX_CHARS);
    }

    @Test
    void messages_of_another_run_or_not_from_the_bench_are_not_ours() {
        String id = new MessageStamp("aaaaa", 1, 2).encode();

        assertThat(MessageStamp.decode(id, "bbbbb")).isNull();
        assertThat(MessageStamp.decode(id, "aaaa")).isNull();
        assertThat(MessageStamp.decode("3f2c1d8e-uuid-from-a-person", "aaaaa")).isNull();
        assertThat(MessageStamp.decode("aaaaa.notbase36!.1", "aaaaa")).isNull();
        assertThat(MessageStamp.decode("aaaaa.1", "aaaaa")).isNull();
    }

    @Test
    void a_run_id_has_no_dot_and_at_most_eight_characters() {
        assertThatThrownBy(() -> new MessageStamp("a.b", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageStamp("123456789", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MessageStamp.newRunId()).hasSizeBetween(1, 8).doesNotContain(".");
    }
}
