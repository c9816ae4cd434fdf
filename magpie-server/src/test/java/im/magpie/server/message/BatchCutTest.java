package im.magpie.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Content;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** How a writer's batch is cut into transactions by the inbox appends its sends make. */
class BatchCutTest {
    private static int next;

    private static PendingSend direct() {
        return new PendingSend(1, null, "c" + next++, new Conversation(Conversation.USER, 2), Content.getDefaultInstance(), 0);
    }

    private static PendingSend group(int members) {
        PendingSend p = new PendingSend(1, null, "c" + next++, new Conversation(Conversation.GROUP, 9), Content.getDefaultInstance(), 0);
        p.groupMembers = LongStream.rangeClosed(1, members).boxed().toList();
        return p;
    }

    private static List<Integer> sizes(List<List<PendingSend>> chunks) {
        return chunks.stream().map(List::size).toList();
    }

    @Test
    void one_to_one_sends_count_two_appends_each() {
        List<PendingSend> sends = List.of(direct(), direct(), direct(), direct(), direct());
        assertThat(sizes(SendWriter.cutByDeliveries(sends, 4))).containsExactly(2, 2, 1);
        assertThat(sizes(SendWriter.cutByDeliveries(sends, 10))).containsExactly(5);
    }

    @Test
    void group_sends_count_every_member_and_the_order_is_kept() {
        List<PendingSend> sends = List.of(group(500), group(500), direct(), group(500), group(500), group(500));
        List<List<PendingSend>> chunks = SendWriter.cutByDeliveries(sends, 1_100);
        assertThat(sizes(chunks)).containsExactly(3, 2, 1);
        assertThat(chunks.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(sends);
    }

    @Test
    void a_send_bigger_than_the_budget_goes_alone() {
        List<PendingSend> sends = List.of(direct(), group(5_000), direct());
        assertThat(sizes(SendWriter.cutByDeliveries(sends, 100))).containsExactly(1, 1, 1);
        assertThat(SendWriter.cutByDeliveries(List.of(), 100)).isEmpty();
    }
}
