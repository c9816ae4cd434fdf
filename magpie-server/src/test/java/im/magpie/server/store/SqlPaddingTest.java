package im.magpie.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlPaddingTest {

    @Test
    void id_lists_are_padded_with_their_last_id_to_a_power_of_two() {
        assertThat(Sql.paddedToPowerOfTwo(List.of(7L))).containsExactly(7L);
        assertThat(Sql.paddedToPowerOfTwo(List.of(1L, 2L))).containsExactly(1L, 2L);
        assertThat(Sql.paddedToPowerOfTwo(List.of(1L, 2L, 3L))).containsExactly(1L, 2L, 3L, 3L);
        assertThat(Sql.paddedToPowerOfTwo(List.of(1L, 2L, 3L, 4L, 5L))).hasSize(8).startsWith(1L, 2L, 3L, 4L, 5L)
                .endsWith(5L, 5L, 5L);
    }

    @Test
    void the_padded_size_is_the_smallest_power_of_two_not_below_the_count() {
        assertThat(Sql.powerOfTwoAtLeast(0)).isEqualTo(1);
        assertThat(Sql.powerOfTwoAtLeast(1)).isEqualTo(1);
        assertThat(Sql.powerOfTwoAtLeast(2)).isEqualTo(2);
        assertThat(Sql.powerOfTwoAtLeast(3)).isEqualTo(4);
        assertThat(Sql.powerOfTwoAtLeast(32)).isEqualTo(32);
        assertThat(Sql.powerOfTwoAtLeast(33)).isEqualTo(64);
    }

    @Test
    void placeholders_are_question_marks_separated_by_commas() {
        assertThat(Sql.placeholders(1)).isEqualTo("?");
        assertThat(Sql.placeholders(3)).isEqualTo("?, ?, ?");
    }
}
