package im.magpie.jmh;

import im.magpie.server.inbox.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The store's write path of a 500-member group's messages: every member's inbox appended, with
 * every member's event one shared instance as the send writer builds them, and
 * {@code messagesPerTransaction} messages in one transaction (8 is about the writer's default
 * bound of 4,096 appends). Reported per transaction; divide by 500 × {@code messagesPerTransaction}
 * per delivery.
 */
public class GroupFanOutBenchmark extends InboxBenchmarkBase {
    private static final int MEMBERS = 500;

    @Param({"1", "8"})
    public int messagesPerTransaction;

    @Benchmark
    public int appendGroupMessages() {
        int first = ThreadLocalRandom.current().nextInt(USERS - MEMBERS);
        List<Delivery> deliveries = new ArrayList<>(MEMBERS * messagesPerTransaction);
        for (int i = 0; i < messagesPerTransaction; i++) {
            for (int m = 0; m < MEMBERS; m++) deliveries.add(new Delivery(users[first + m], event));
        }
        return appendInOneTransaction(deliveries);
    }
}
