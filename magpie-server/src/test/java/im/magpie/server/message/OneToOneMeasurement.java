package im.magpie.server.message;

import static im.magpie.server.message.Chat.befriend;
import static im.magpie.server.message.Chat.id;
import static im.magpie.server.message.Chat.sendFrame;

import im.magpie.protocol.proto.Frame;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not a test: one-to-one throughput and latency through the server with group commit. P pairs of
 * friends, all online; each sender runs a closed loop (send, wait for the ack, send again) for the
 * measured seconds after a warm-up; every receiver drains its pushes. Reports acknowledged
 * messages per second and the send→ack latency (p50, p99, max). Excluded from the normal build
 * (the name matches neither *Test nor *IT); run with
 *
 * <pre>
 * ./mvnw -q -B -pl magpie-server -am test -Dtest=OneToOneMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dmagpie.measure.pairs=50] [-Dmagpie.measure.seconds=20] [-Dmagpie.measure.batch=256] [-Dmagpie.measure.db=H2]
 * </pre>
 *
 * {@code -Dmagpie.measure.batch=1} turns group commit off (one transaction per message) for comparison.
 */
class OneToOneMeasurement {

    private static int prop(String name, int def) {
        return Integer.getInteger("magpie.measure." + name, def);
    }

    @Test
    void measure_one_to_one_sends_in_a_closed_loop() throws Exception {
        int pairs = prop("pairs", 50);
        int seconds = prop("seconds", 20);
        int warmup = prop("warmup", 5);
        int batch = prop("batch", 256);
        TestDatabase db = TestDatabase.valueOf(System.getProperty("magpie.measure.db", "H2"));
        try (TestServer server = Chat.builder(db).set(MessageSettings.SEND_BATCH_MAX, batch).start()) {
            List<RawClient> senders = new ArrayList<>();
            List<RawClient> receivers = new ArrayList<>();
            List<Long> receiverIds = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                RawClient s = RawClient.registered(server, "sender" + i);
                RawClient r = RawClient.registered(server, "receiver" + i);
                long rid = id(r);
                befriend(server, id(s), rid);
                senders.add(s);
                receivers.add(r);
                receiverIds.add(rid);
            }
            ExecutorService pool = Executors.newFixedThreadPool(2 * pairs);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong pushes = new AtomicLong();
            for (RawClient r : receivers) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        if (r.nextPush(Duration.ofMillis(200)).isPresent()) pushes.incrementAndGet();
                    }
                });
            }
            long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
            long measureTo = measureFrom + seconds * 1_000_000_000L;
            CountDownLatch done = new CountDownLatch(pairs);
            List<Future<long[]>> results = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                RawClient s = senders.get(i);
                long to = receiverIds.get(i);
                results.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    long k = 0;
                    try {
                        while (System.nanoTime() < measureTo) {
                            long t0 = System.nanoTime();
                            Frame f = s.request(sendFrame(to, "b" + (k++), "load " + k));
                            long t1 = System.nanoTime();
                            if (!f.hasSendAck()) throw new IllegalStateException("send failed: " + f);
                            if (t0 >= measureFrom && t1 <= measureTo) {
                                if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                                lat[n++] = t1 - t0;
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            done.await();
            stop.set(true);
            long[] all = new long[0];
            for (Future<long[]> f : results) {
                long[] l = f.get();
                int at = all.length;
                all = Arrays.copyOf(all, at + l.length);
                System.arraycopy(l, 0, all, at, l.length);
            }
            pool.shutdownNow();
            Arrays.sort(all);
            System.out.printf("%nONE-TO-ONE %s pairs=%d batch-max=%d seconds=%d: %d acked, %.0f msg/s, "
                            + "latency p50=%.1f ms p99=%.1f ms max=%.1f ms, pushes received=%d%n%n",
                    db, pairs, batch, seconds, all.length, all.length / (double) seconds,
                    all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6, pushes.get());
            for (RawClient c : senders) c.close();
            for (RawClient c : receivers) c.close();
        }
    }
}
