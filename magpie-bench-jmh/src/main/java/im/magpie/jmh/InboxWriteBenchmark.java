package im.magpie.jmh;

import im.magpie.server.inbox.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The store's write path of one-to-one messages: each message appended to the recipient's and
 * the sender's inbox in one transaction, with {@code messagesPerTransaction} messages of different
 * pairs sharing a transaction (what group commit buys). Reported per transaction; divide by
 * {@code messagesPerTransaction} per message.
 */
public class InboxWriteBenchmark extends InboxBenchmarkBase {
    @Param({"1", "16", "64"})
    public int messagesPerTransaction;

    @Benchmark
    public int appendDirectMessages() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        List<Delivery> deliveries = new ArrayList<>(2 * messagesPerTransaction);
        for (int i = 0; i < messagesPerTransaction; i++) {
            int pair = r.nextInt(USERS / 2);
            deliveries.add(new Delivery(users[2 * pair + 1], event));
            deliveries.add(new Delivery(users[2 * pair], event));
        }
        return appendInOneTransaction(deliveries);
    }

    /** As above, with each message's {@code messages} row in the same transaction: the send writer's whole write. */
    @Benchmark
    public int storeDirectMessages() throws java.sql.SQLException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        List<Delivery> deliveries = new ArrayList<>(2 * messagesPerTransaction);
        for (int i = 0; i < messagesPerTransaction; i++) {
            int pair = r.nextInt(USERS / 2);
            deliveries.add(new Delivery(users[2 * pair + 1], event));
            deliveries.add(new Delivery(users[2 * pair], event));
        }
        return storeInOneTransaction(messagesPerTransaction, deliveries);
    }
}
