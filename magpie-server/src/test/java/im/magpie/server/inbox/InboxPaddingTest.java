package im.magpie.server.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InboxPaddingTest {

    @Test
    void id_lists_are_padded_with_their_last_id_to_a_power_of_two() {
        assertThat(Inbox.paddedToPowerOfTwo(List.of(7L))).containsExactly(7L);
        assertThat(Inbox.paddedToPowerOfTwo(List.of(1L, 2L))).containsExactly(1L, 2L);
        assertThat(Inbox.paddedToPowerOfTwo(List.of(1L, 2L, 3L))).containsExactly(1L, 2L, 3L, 3L);
        assertThat(Inbox.paddedToPowerOfTwo(List.of(1L, 2L, 3L, 4L, 5L))).hasSize(8).startsWith(1L, 2L, 3L, 4L, 5L)
                .endsWith(5L, 5L, 5L);
    }
}
