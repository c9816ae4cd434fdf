package im.magpie.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.PeerRef;
import org.junit.jupiter.api.Test;

class MappingTest {
    private static MessageRecord record(MessageStatus status, boolean recalled) {
        return new MessageRecord(1, 5, "c", PeerRef.user(2), 1, true, 10, recalled ? null : "hi", 0, false, status, recalled);
    }

    @Test
    void each_stored_status_gets_its_mark_and_a_recall_wins_over_any() {
        assertThat(Mapping.message(record(MessageStatus.SENDING, false)).mark()).isEqualTo(MessageMark.SENDING);
        assertThat(Mapping.message(record(MessageStatus.SENT, false)).mark()).isEqualTo(MessageMark.SENT);
        assertThat(Mapping.message(record(MessageStatus.DELIVERED, false)).mark()).isEqualTo(MessageMark.DELIVERED);
        assertThat(Mapping.message(record(MessageStatus.READ, false)).mark()).isEqualTo(MessageMark.READ);
        assertThat(Mapping.message(record(MessageStatus.FAILED, false)).mark()).isEqualTo(MessageMark.FAILED);
        ChatMessage recalled = Mapping.message(record(MessageStatus.READ, true));
        assertThat(recalled.mark()).isEqualTo(MessageMark.RECALLED);
        assertThat(recalled.text()).isEmpty();
    }

    @Test
    void a_group_peer_becomes_a_group_chat() {
        assertThat(Mapping.chat(PeerRef.group(4))).isEqualTo(ChatKey.group(4));
        assertThat(Mapping.peer(ChatKey.user(3))).isEqualTo(PeerRef.user(3));
    }
}
