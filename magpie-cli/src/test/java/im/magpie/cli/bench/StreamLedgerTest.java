package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class StreamLedgerTest {

    @Test
    void messages_that_arrive_once_in_order_are_delivered_and_nothing_else() {
        StreamLedger ledger = new StreamLedger();
        for (long seq = 0; seq < 5; seq++) assertThat(ledger.arrived(seq, 5)).isEqualTo(StreamLedger.Arrival.FIRST);

        StreamLedger.Account account = ledger.account(5, new BitSet());

        assertThat(account).isEqualTo(new StreamLedger.Account(5, 0, 5, 0, 0, 0, 0));
        assertThat(account.clean()).isTrue();
    }

    @Test
    void a_second_arrival_of_the_same_message_is_a_duplicate_not_a_delivery() {
        StreamLedger ledger = new StreamLedger();
        ledger.arrived(0, 2);
        ledger.arrived(1, 2);

        assertThat(ledger.arrived(1, 2)).isEqualTo(StreamLedger.Arrival.DUPLICATE);
        StreamLedger.Account account = ledger.account(2, new BitSet());
        assertThat(account.delivered()).isEqualTo(2);
        assertThat(account.duplicates()).isEqualTo(1);
        assertThat(account.clean()).isFalse();
    }

    @Test
    void an_arrival_behind_a_later_one_is_reordered_but_still_delivered() {
        StreamLedger ledger = new StreamLedger();
        ledger.arrived(0, 3);
        ledger.arrived(2, 3);

        assertThat(ledger.arrived(1, 3)).isEqualTo(StreamLedger.Arrival.REORDERED);
        StreamLedger.Account account = ledger.account(3, new BitSet());
        assertThat(account.delivered()).isEqualTo(3);
        assertThat(account.reordered()).isEqualTo(1);
        assertThat(account.lost()).isZero();
    }

    @Test
    void a_message_that_never_arrives_is_lost_unless_the_server_refused_it() {
        StreamLedger ledger = new StreamLedger();
        ledger.arrived(0, 4);
        ledger.arrived(3, 4);
        BitSet refused = new BitSet();
        refused.set(1);

        StreamLedger.Account account = ledger.account(4, refused);

        assertThat(account.refused()).isEqualTo(1);
        assertThat(account.lost()).isEqualTo(1); // seq 2
        assertThat(account.delivered()).isEqualTo(2);
        assertThat(account.sent()).isEqualTo(account.delivered() + account.refused() + account.lost());
    }

    @Test
    void an_arrival_of_a_sequence_never_sent_is_unexpected() {
        StreamLedger ledger = new StreamLedger();
        assertThat(ledger.arrived(7, 3)).isEqualTo(StreamLedger.Arrival.UNEXPECTED);
        ledger.arrived(5, Long.MAX_VALUE); // sender unknown at arrival: judged at the account

        StreamLedger.Account account = ledger.account(3, new BitSet());

        assertThat(account.unexpected()).isEqualTo(2);
        assertThat(account.delivered()).isZero();
        assertThat(account.lost()).isEqualTo(3);
    }

    @Test
    void accounts_add_up_field_by_field() {
        var a = new StreamLedger.Account(10, 1, 8, 1, 2, 3, 0);
        var b = new StreamLedger.Account(5, 0, 5, 0, 0, 0, 1);

        assertThat(a.plus(b)).isEqualTo(new StreamLedger.Account(15, 1, 13, 1, 2, 3, 1));
        assertThat(StreamLedger.Account.ZERO.plus(b)).isEqualTo(b);
    }
}
