package im.magpie.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import im.magpie.protocol.codec.ByteBudget;
import im.magpie.protocol.codec.DecodedFrame;
import im.magpie.protocol.codec.FrameDecoder;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Ping;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.transport.TransportSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A fuzz target for the frame decoder and the dispatcher: valid frames of every body the protocol
 * has, mutated ({@link RandomFrames}), in random chunks, before Hello, after Hello and logged in.
 * Each try is seeded; a failure names its seed. The default run spends a few seconds on each
 * target; a longer one:
 * <pre>./mvnw -B -pl magpie-server -am test -Dtest=FrameFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dmagpie.fuzz.seconds=600 [-Dmagpie.fuzz.seed=N]</pre>
 * Asserted: the decoder never throws and gives back every byte it reserved; no answer is
 * INTERNAL; nothing logs an exception; afterwards the server still serves and holds no more
 * connections, buffered bytes or (give or take warm-up) heap than before.
 */
class FrameFuzzTest {
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("magpie.fuzz.seconds", 3));
    private static final long SEED = Long.getLong("magpie.fuzz.seed", System.nanoTime());

    private static TestServer server;
    private static final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private static final AtomicLong ids = new AtomicLong();
    private static long heapBefore;

    @BeforeAll
    static void start() {
        server = TestServer.builder()
                .set(TransportSettings.FRAME_DEADLINE_SECONDS, 1) // out-of-step connections end soon
                .set(CoreSettings.MAX_FRAME_BYTES, 64 * 1024)
                .start();
        logged.start();
        root().addAppender(logged);
        heapBefore = heapAfterGc();
    }

    @AfterAll
    static void stop() {
        root().detachAppender(logged);
        server.close();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    /** Runs {@code oneTry} with seeds SEED, SEED+1, ... until the time budget is spent; returns the count. */
    private static int fuzz(Consumer<Random> oneTry) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int tries = 0;
        for (long seed = SEED; System.nanoTime() < deadline; seed++, tries++) {
            try {
                oneTry.accept(new Random(seed));
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("fuzz try failed; repeat it with -Dmagpie.fuzz.seed=" + seed, e);
            }
        }
        return tries;
    }

    // --- the decoder alone ----------------------------------------------------------------------

    @Test
    @Timeout(value = 24, unit = TimeUnit.HOURS) // bounded by magpie.fuzz.seconds instead
    void the_decoder_turns_any_bytes_in_any_chunks_into_values_and_gives_back_its_budget() {
        int tries = fuzz(r -> {
            CountingBudget budget = new CountingBudget();
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(4096, budget));
            for (byte[] chunk : chunks(r)) {
                ch.writeInbound(Unpooled.wrappedBuffer(chunk)); // rethrows what the pipeline saw
                for (Object out; (out = ch.readInbound()) != null; ) assertThat(out).isInstanceOf(DecodedFrame.class);
                assertThat(budget.used.get()).isBetween(0L, 4096L);
            }
            ch.finishAndReleaseAll();
            assertThat(budget.used.get()).isZero();
        });
        assertThat(tries).isPositive();
    }

    /** A few mutated frames, as one stream cut into chunks of 1 to 2,048 bytes. */
    private static List<byte[]> chunks(Random r) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) all.writeBytes(RandomFrames.mutated(RandomFrames.frame(r), r, r.nextInt(5) == 0));
        byte[] bytes = all.toByteArray();
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < bytes.length; ) {
            int len = Math.min(bytes.length - at, 1 + r.nextInt(r.nextBoolean() ? 8 : 2048));
            chunks.add(Arrays.copyOfRange(bytes, at, at + len));
            at += len;
        }
        return chunks;
    }

    private static final class CountingBudget implements ByteBudget {
        final AtomicLong used = new AtomicLong();

        @Override
        public boolean tryReserve(int bytes) {
            used.addAndGet(bytes);
            return true;
        }

        @Override
        public void release(int bytes) {
            used.addAndGet(-bytes);
        }
    }

    // --- the whole server: decoder, dispatcher, routes -----------------------------------------

    /** Where a try's frames arrive: before Hello, after Hello, or logged in. */
    private enum Stage { RAW, HELLO, LOGGED_IN }

    @Test
    @Timeout(value = 24, unit = TimeUnit.HOURS) // bounded by magpie.fuzz.seconds instead
    void the_dispatcher_answers_mutated_frames_of_every_kind_without_internal_errors() {
        Set<ErrorCode> answered = EnumSet.noneOf(ErrorCode.class);
        int tries = fuzz(r -> {
            Stage stage = Stage.values()[r.nextInt(Stage.values().length)];
            List<byte[]> frames = new ArrayList<>();
            int n = 1 + r.nextInt(5);
            for (int i = 0; i < n; i++) frames.add(RandomFrames.mutated(RandomFrames.frame(r), r, r.nextInt(10) == 0));
            try (RawClient c = switch (stage) {
                case RAW -> RawClient.open(server);
                case HELLO -> RawClient.connect(server);
                case LOGGED_IN -> RawClient.registered(server, "fuzz" + ids.incrementAndGet());
            }) {
                for (byte[] f : frames) c.sendBytes(f);
                long probe = 1_000_000_000L + ids.incrementAndGet();
                c.send(Frame.newBuilder().setId(probe).setPing(Ping.getDefaultInstance()).build());
                long deadline = System.nanoTime() + Duration.ofMillis(400).toNanos();
                while (true) {
                    Optional<Frame> f = c.read(deadline);
                    if (f.isEmpty()) break; // out of step (a moved length prefix): allowed
                    if (f.get().hasError()) answered.add(f.get().getError().getCode());
                    if (f.get().getId() == probe) break;
                }
            } catch (java.io.UncheckedIOException closedByServer) {
                // closed for a bad frame: allowed
            }
        });
        assertThat(tries).isPositive();
        assertThat(answered).as("error codes answered").doesNotContain(ErrorCode.INTERNAL);
        List<String> exceptions = logged.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null)
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage() + " " + e.getThrowableProxy().getClassName())
                .toList();
        assertThat(exceptions).as("exceptions logged").isEmpty();

        try (RawClient c = RawClient.registered(server, "after-fuzz")) {
            assertThat(c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).hasProfile()).isTrue();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(server.server().context().sessions().connectionCount()).isZero();
            assertThat(server.server().transport().preLoginBufferedBytes()).isZero();
        });
        assertThat(heapAfterGc() - heapBefore).as("heap growth after %s tries", tries).isLessThan(64L << 20);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
