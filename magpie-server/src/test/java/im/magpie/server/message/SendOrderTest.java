package im.magpie.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Content;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The waiting line that keeps a sender's retried sends in order (issue 16, item 4). */
class SendOrderTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final SendOrder order = new SendOrder(60_000, now::get);
    private final List<String> refused = new ArrayList<>();

    private static PendingSend send(long sender, long to, String clientId) {
        return new PendingSend(sender, null, clientId, new Conversation(Conversation.USER, to), Content.getDefaultInstance(), 0);
    }

    private List<String> admit(PendingSend... batch) {
        return order.admit(List.of(batch), p -> refused.add(p.clientMsgId)).stream().map(p -> p.clientMsgId).toList();
    }

    @Test
    void without_refusals_everything_is_admitted() {
        assertThat(admit(send(1, 2, "m1"), send(1, 2, "m2"))).containsExactly("m1", "m2");
        assertThat(refused).isEmpty();
    }

    @Test
    void a_later_send_cannot_overtake_a_refused_one_nor_one_refused_behind_it() {
        PendingSend m4 = send(1, 2, "m4");
        order.refusedForNow(m4);
        PendingSend m5 = send(1, 2, "m5");
        assertThat(admit(m5)).isEmpty(); // behind m4: refused, and in line after it
        assertThat(refused).containsExactly("m5");
        assertThat(admit(m4)).containsExactly("m4");
        order.resolved(m4);
        // The bug of issue 16: m12, new, overtook m5, which had been refused behind m4.
        PendingSend m12 = send(1, 2, "m12");
        assertThat(admit(m12)).isEmpty();
        assertThat(admit(m5, m12)).containsExactly("m5", "m12");
        order.resolved(m5);
        order.resolved(m12); // both stored: the line is gone
        assertThat(order.waiting()).isZero();
        assertThat(admit(send(1, 2, "m13"))).containsExactly("m13");
    }

    @Test
    void the_line_in_order_and_new_sends_after_it_go_in_one_batch() {
        PendingSend m1 = send(1, 2, "m1");
        PendingSend m2 = send(1, 2, "m2");
        order.refusedForNow(m1);
        order.refusedForNow(m2);
        assertThat(admit(m2, m1)).containsExactly("m1"); // m2 before m1: out of line
        assertThat(admit(m1, m2, send(1, 2, "m3"))).containsExactly("m1", "m2", "m3");
    }

    @Test
    void other_conversations_and_other_senders_do_not_wait() {
        order.refusedForNow(send(1, 2, "m1"));
        assertThat(admit(send(1, 3, "x1"), send(2, 1, "y1"), send(1, 2, "m2"))).containsExactly("x1", "y1");
        assertThat(refused).containsExactly("m2");
    }

    @Test
    void a_line_nobody_comes_back_for_is_forgotten() {
        order.refusedForNow(send(1, 2, "m1"));
        now.addAndGet(59_999);
        assertThat(admit(send(1, 2, "m2"))).isEmpty();
        now.addAndGet(60_000);
        assertThat(admit(send(1, 2, "m3"))).containsExactly("m3");
        order.refusedForNow(send(1, 2, "m4"));
        now.addAndGet(60_000);
        order.expire();
        assertThat(order.waiting()).isZero();
    }
}
