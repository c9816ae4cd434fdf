package im.magpie.client.files;

import im.magpie.client.Messenger;
import im.magpie.client.history.PeerRef;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: a relayed file transfer on loopback, measured. Alice sends a file of
 * {@code magpie.measure.mib} MiB (default 50) to Bob through a real server (TLS unless
 * {@code -Dmagpie.measure.tls=false}), Bob accepts it; each round uses new random content.
 * Prints, per round, the time to describe (hash, type), upload (offer to READY) and fetch
 * (accept to the checked file), in MiB/s. Excluded from the normal build (the name matches neither
 * *Test nor *IT); run with
 *
 * <pre>
 * ./mvnw -q -B -pl magpie-client -am test -Dtest=RelayedFileMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dmagpie.measure.mib=50] [-Dmagpie.measure.rounds=5] [-Dmagpie.measure.tls=true]
 * </pre>
 */
class RelayedFileMeasurement {
    @TempDir
    Path tmp;

    @Test
    void measure_a_relayed_transfer() throws Exception {
        int mib = Integer.getInteger("magpie.measure.mib", 50);
        int rounds = Integer.getInteger("magpie.measure.rounds", 5);
        boolean tls = Boolean.parseBoolean(System.getProperty("magpie.measure.tls", "true"));
        try (TestServer server = TestServer.builder().tls(tls).start();
             Messenger alice = messenger(server, tls, "alice"); Messenger bob = messenger(server, tls, "bob")) {
            FileTransfers aliceFiles = alice.files();
            FileTransfers bobFiles = bob.files();
            long aliceId = alice.userId();
            long bobId = bob.userId();
            var graph = server.server().features().social().graph();
            server.server().context().database().jdbi().useTransaction(tx -> graph.befriend(tx, aliceId, bobId, System.currentTimeMillis()));
            byte[] content = new byte[mib * 1024 * 1024];
            Random random = new Random(1);
            System.out.printf(Locale.ROOT, "relayed transfer of %d MiB on loopback, TLS %s%n", mib, tls);
            for (int round = 1; round <= rounds; round++) {
                random.nextBytes(content);
                Path source = Files.write(tmp.resolve("round" + round + ".bin"), content);
                long t0 = System.nanoTime();
                OutgoingFile file = FileTransfers.describe(PeerRef.user(bobId), source);
                long t1 = System.nanoTime();
                Map<String, Long> cpu1 = threadCpu();
                FileOffer sent = aliceFiles.send(file).join();
                long t2 = System.nanoTime();
                Map<String, Long> cpu2 = threadCpu();
                Path got = bobFiles.accept(sent.fileId(), tmp.resolve("bob")).join();
                long t3 = System.nanoTime();
                Map<String, Long> cpu3 = threadCpu();
                if (Files.size(got) != content.length) throw new IllegalStateException("wrong size");
                System.out.printf(Locale.ROOT, "round %d: describe %.0f ms, upload %.0f MiB/s (%.0f ms), fetch %.0f MiB/s (%.0f ms), end to end %.0f MiB/s%n",
                        round, ms(t1 - t0), mib / sec(t2 - t1), ms(t2 - t1), mib / sec(t3 - t2), ms(t3 - t2), mib / sec(t3 - t0));
                System.out.println("  upload CPU ms by thread: " + diff(cpu1, cpu2));
                System.out.println("  fetch CPU ms by thread:  " + diff(cpu2, cpu3));
                Files.delete(got);
                Files.delete(source);
            }
        }
    }

    /**
     * CPU time of every live thread, summed by name without digits (e.g. "magpie-worker-#"), and
     * the same for user time alone under "NAME (user)": the rest is the kernel's (sockets, page cache).
     */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) continue;
            long ns = mx.getThreadCpuTime(t.getThreadId());
            long user = mx.getThreadUserTime(t.getThreadId());
            String name = t.getThreadName().replaceAll("[0-9]+", "#");
            if (ns > 0) out.merge(name, ns, Long::sum);
            if (user > 0) out.merge(name + " (user)", user, Long::sum);
        }
        return out;
    }

    /** The groups that used at least 5 ms between the two snapshots, largest first, in ms (total: all threads, user and kernel). */
    private static String diff(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder b = new StringBuilder();
        long total = 0;
        List<Map.Entry<String, Long>> used = new ArrayList<>();
        for (var e : after.entrySet()) {
            long ms = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1_000_000;
            if (!e.getKey().endsWith("(user)")) total += ms;
            if (ms >= 5) used.add(Map.entry(e.getKey(), ms));
        }
        used.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (var e : used) b.append(e.getKey()).append('=').append(e.getValue()).append(' ');
        return "total " + total + ": " + b;
    }

    private Messenger messenger(TestServer server, boolean tls, String name) {
        Messenger m = Messenger.builder().server(server.host(), server.port()).tls(tls)
                .profileDir(tmp.resolve("profile-" + name)).client(c -> c.requestTimeout(Duration.ofSeconds(30))).build();
        m.register(name, "password-123", name).join();
        return m;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
