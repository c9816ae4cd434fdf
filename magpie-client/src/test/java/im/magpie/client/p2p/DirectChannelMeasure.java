package im.magpie.client.p2p;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: a number for docs/benchmarks.md. Run with
 * {@code ./mvnw -q -B -pl magpie-client -am test -Dtest=DirectChannelMeasure -Dmeasure=true -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dmeasure.mib=1024}, {@code -Dmeasure.window=32}). Two {@link DirectChannels} on loopback
 * (mutual TLS 1.3, JDK provider, the real pipeline); one side sends messages of 16,000 bytes of text
 * with a window of unacknowledged ones, the other stores nothing (it counts) and acknowledges each.
 * Prints the encrypted payload rate of a warm-up round of a quarter of the size, then of the whole.
 */
@EnabledIfSystemProperty(named = "measure", matches = "true")
class DirectChannelMeasure {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /**
     * A file of {@code measure.file.mib} (1024) random MiB sent over the channel: read from disk,
     * 256 KiB pieces, written to disk on the other side, SHA-256 on both sides (included: the
     * sender hashes before it starts, the receiver after the last piece). Prints the rate.
     * Run with {@code -Dtest=DirectChannelMeasure#measureFile}.
     */
    @Test
    void measureFile() throws Exception {
        long mib = Long.getLong("measure.file.mib", 1024);
        java.nio.file.Path file = dir.resolve("payload.bin");
        java.util.Random random = new java.util.Random(1);
        byte[] chunk = new byte[1024 * 1024];
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            for (long i = 0; i < mib; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        DirectSettings settings = DirectSettings.defaults().withListener("127.0.0.1", 0)
                .withAdvertised(List.of("127.0.0.1"), 0)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30));
        Pair a = new Pair(1);
        Pair b = new Pair(2);
        DirectFileSink sink = new DirectFileSink() {
            @Override
            public java.nio.file.Path accept(long from, String id, String name, long size) {
                return dir.resolve("received-" + id);
            }

            @Override
            public void completed(long from, String id, java.nio.file.Path partial) {}
        };
        try (DirectChannels alice = new DirectChannels(settings, () -> 1, a, m -> { }, p -> { });
             DirectChannels bob = new DirectChannels(settings, () -> 2, b, m -> { }, sink, p -> { })) {
            a.other = bob;
            a.otherSide = b;
            b.other = alice;
            b.otherSide = a;
            if (alice.open(2).join() != ConversationPath.DIRECT) throw new IllegalStateException("no channel");
            for (String round : new String[] {"warm-up", "measured"}) {
                long t0 = System.nanoTime();
                alice.sendFile(2, file, round, p -> { }).join();
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("direct file (%s): %d MiB in %.2f s = %.0f MiB/s, SHA-256 on both sides included%n",
                        round, mib, seconds, mib / seconds);
                java.nio.file.Files.delete(dir.resolve("received-" + round));
            }
        }
    }

    /** Introduces two channels to each other in-process (the server's part). */
    private static final class Pair implements Introducer {
        private final long self;
        DirectChannels other;
        Pair otherSide;
        private CompletableFuture<Endpoint> answered;

        Pair(long self) {
            this.self = self;
        }

        @Override
        public CompletableFuture<Introduction> introduce(long peer, Endpoint mine) {
            answered = new CompletableFuture<>();
            otherSide.answered = answered;
            other.onOffer(new Offer(1, self, mine));
            return answered.thenApply(e -> new Introduction(peer, 1, e));
        }

        @Override
        public CompletableFuture<Void> answer(long introId, Endpoint mine) {
            answered.complete(mine);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void measure() throws Exception {
        long mib = Long.getLong("measure.mib", 1024);
        int window = Integer.getInteger("measure.window", 32);
        DirectSettings settings = DirectSettings.defaults().withListener("127.0.0.1", 0)
                .withAdvertised(List.of("127.0.0.1"), 0)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30)); // a cold JVM on a loaded machine
        Pair a = new Pair(1);
        Pair b = new Pair(2);
        AtomicLong received = new AtomicLong();
        try (DirectChannels alice = new DirectChannels(settings, () -> 1, a, m -> { }, p -> { });
             DirectChannels bob = new DirectChannels(settings, () -> 2, b, m -> received.addAndGet(m.text().length()), p -> { })) {
            a.other = bob;
            a.otherSide = b;
            b.other = alice;
            b.otherSide = a;
            if (alice.open(2).join() != ConversationPath.DIRECT) throw new IllegalStateException("no channel");
            String text = "x".repeat(16_000);
            long seq = 0;
            for (long target : new long[] {mib / 4, mib}) {
                long bytes = target * 1024 * 1024;
                long messages = bytes / text.length();
                received.set(0);
                Semaphore inFlight = new Semaphore(window);
                long t0 = System.nanoTime();
                for (long i = 0; i < messages; i++) {
                    inFlight.acquire();
                    CompletableFuture<Void> acked = alice.send(new DirectMessage("m" + (seq++), 1, 2, 0, text, 0))
                            .orElseThrow(() -> new IllegalStateException("the channel closed"));
                    acked.whenComplete((ok, e) -> {
                        if (e != null) System.err.println("failed: " + e);
                        inFlight.release();
                    });
                }
                inFlight.acquire(window);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("direct channel: %d MiB in %d messages of %d bytes, window %d: %.2f s, %.0f MiB/s (received %d MiB)%n",
                        target, messages, text.length(), window, seconds, received.get() / 1048576.0 / seconds,
                        received.get() / 1048576);
            }
        }
    }
}
