package im.magpie.client.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files over a direct channel on loopback: streamed whole, resumed after an interruption from what
 * the receiver holds, a hash mismatch detected (and the bad partial file removed), declined.
 */
class DirectFilesIT {
    private static final long ALICE = 2001;
    private static final long BOB = 2002;

    @TempDir
    Path dir;

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
            if (mine == null) answered.completeExceptionally(new IllegalStateException("declined"));
            else answered.complete(mine);
            return CompletableFuture.completedFuture(null);
        }
    }

    private DirectChannels alice;
    private DirectChannels bob;
    private final List<Path> completed = new CopyOnWriteArrayList<>();
    private volatile boolean bobAccepts = true;

    @BeforeEach
    void pair() {
        DirectSettings settings = DirectSettings.defaults().withListener("127.0.0.1", 0).withAdvertised(List.of("127.0.0.1"), 0)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMillis(100));
        Pair a = new Pair(ALICE);
        Pair b = new Pair(BOB);
        DirectFileSink sink = new DirectFileSink() {
            @Override
            public Path accept(long fromUserId, String transferId, String name, long size) {
                return bobAccepts && fromUserId == ALICE ? dir.resolve("bob-" + transferId + ".part") : null;
            }

            @Override
            public void completed(long fromUserId, String transferId, Path partial) {
                completed.add(partial);
            }
        };
        alice = new DirectChannels(settings, () -> ALICE, a, m -> { }, p -> { });
        bob = new DirectChannels(settings, () -> BOB, b, m -> { }, sink, p -> { });
        a.other = bob;
        a.otherSide = b;
        b.other = alice;
        b.otherSide = a;
        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.DIRECT);
    }

    @AfterEach
    void close() {
        alice.close();
        bob.close();
    }

    private Path randomFile(String name, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random(bytes).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }

    @Test
    void a_file_streams_over_the_channel_and_arrives_whole() throws IOException {
        Path file = randomFile("photo.jpg", 3 * 1024 * 1024 + 123);
        AtomicLong lastProgress = new AtomicLong();

        DirectChannels.FileSent sent = alice.sendFile(BOB, file, "t1", lastProgress::set).join();

        assertThat(sent).isEqualTo(new DirectChannels.FileSent(0, Files.size(file)));
        assertThat(completed).containsExactly(dir.resolve("bob-t1.part"));
        assertThat(Files.mismatch(file, dir.resolve("bob-t1.part"))).isEqualTo(-1L);
        assertThat(lastProgress.get()).isPositive();
    }

    @Test
    void an_interrupted_transfer_resumes_from_what_the_receiver_holds() throws IOException {
        Path file = randomFile("video.bin", 5 * 1024 * 1024);
        byte[] prefix = Arrays.copyOf(Files.readAllBytes(file), 2 * 1024 * 1024 + 7);
        Files.write(dir.resolve("bob-t2.part"), prefix); // what an earlier, broken transfer left

        DirectChannels.FileSent sent = alice.sendFile(BOB, file, "t2", p -> { }).join();

        assertThat(sent.resumedFrom()).isEqualTo(prefix.length);
        assertThat(Files.mismatch(file, dir.resolve("bob-t2.part"))).isEqualTo(-1L);
    }

    @Test
    void a_channel_broken_mid_transfer_fails_it_and_sending_again_resumes() throws Exception {
        Path file = randomFile("big.bin", 24 * 1024 * 1024);
        AtomicBoolean cut = new AtomicBoolean();
        CompletableFuture<DirectChannels.FileSent> first = alice.sendFile(BOB, file, "t3", received -> {
            if (received >= 2 * 1024 * 1024 && cut.compareAndSet(false, true)) alice.close(BOB);
        });
        assertThatThrownBy(first::join).isInstanceOf(CompletionException.class).hasMessageContaining("closed");

        assertThat(alice.open(BOB).join()).isEqualTo(ConversationPath.DIRECT);
        DirectChannels.FileSent again = alice.sendFile(BOB, file, "t3", p -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(again.resumedFrom()).isGreaterThanOrEqualTo(2 * 1024 * 1024);
        assertThat(Files.mismatch(file, dir.resolve("bob-t3.part"))).isEqualTo(-1L);
    }

    @Test
    void a_hash_mismatch_is_detected_and_the_bad_partial_file_removed() throws IOException {
        Path file = randomFile("doc.pdf", 3 * 1024 * 1024);
        Files.write(dir.resolve("bob-t4.part"), new byte[1024 * 1024]); // a prefix that is not the file's

        assertThatThrownBy(() -> alice.sendFile(BOB, file, "t4", p -> { }).join())
                .hasMessageContaining("SHA-256 mismatch");
        assertThat(dir.resolve("bob-t4.part")).doesNotExist();
        assertThat(completed).isEmpty();

        assertThat(alice.sendFile(BOB, file, "t4", p -> { }).join().resumedFrom()).isZero(); // from scratch: whole
        assertThat(Files.mismatch(file, dir.resolve("bob-t4.part"))).isEqualTo(-1L);
    }

    @Test
    void a_declined_file_is_not_sent_and_without_a_channel_nothing_is_tried() throws IOException {
        Path file = randomFile("nope.bin", 1000);
        bobAccepts = false;
        assertThatThrownBy(() -> alice.sendFile(BOB, file, "t5", p -> { }).join()).hasMessageContaining("declined");
        assertThat(dir.resolve("bob-t5.part")).doesNotExist();
        assertThatThrownBy(() -> alice.sendFile(999, file, "t6", p -> { }).join()).hasMessageContaining("no direct channel");
    }
}
