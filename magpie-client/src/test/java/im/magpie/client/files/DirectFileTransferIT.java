package im.magpie.client.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.magpie.client.Messenger;
import im.magpie.client.MessengerEvent.FileCompleted;
import im.magpie.client.MessengerEvent.FileEvent;
import im.magpie.client.MessengerEvent.FileFailed;
import im.magpie.client.MessengerEvent.FileOffered;
import im.magpie.client.MessengerEvent.FileProgress;
import im.magpie.client.files.internal.Sha256;
import im.magpie.client.history.PeerRef;
import im.magpie.client.p2p.ConversationPath;
import im.magpie.client.p2p.DirectChannelException;
import im.magpie.client.p2p.DirectSettings;
import im.magpie.server.file.FileSettings;
import im.magpie.testkit.TcpProxy;
import im.magpie.testkit.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files between friends whose conversation is direct: over the channel, past the relay's limit, declined, resumed. */
class DirectFileTransferIT {
    /** The relay's limit in these tests: every file here is larger. */
    private static final long RELAY_LIMIT = 100_000;
    private static int counter;

    @TempDir
    Path dir;

    private TestServer server;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.builder().set(FileSettings.MAX_BYTES, RELAY_LIMIT).start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
        server.close();
    }

    private record User(Messenger messenger, List<FileEvent> events) {
        FileTransfers files() {
            return messenger.files();
        }

        PeerRef ref() {
            return PeerRef.user(messenger.userId());
        }

        <T extends FileEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private static DirectSettings loopback() {
        // Only the address the server observes (127.0.0.1); a broken channel may be reopened after 200 ms.
        return DirectSettings.defaults().withListener("127.0.0.1", 0).withAdvertised(List.of(), 0)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMillis(200));
    }

    private User user(String profile, DirectSettings direct) {
        Messenger m = Messenger.builder().server("127.0.0.1", server.port()).tls(false).profileDir(dir.resolve(profile))
                .client(c -> c.requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2)))
                .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(400)).direct(direct).build();
        closing.add(m);
        List<FileEvent> events = new CopyOnWriteArrayList<>();
        m.addListener(e -> {
            if (e instanceof FileEvent f) events.add(f);
        });
        String name = profile + (++counter) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        m.register(name, "password-123", name).join();
        return new User(m, events);
    }

    /** Alice and Bob, friends, with Alice's conversation with Bob direct. */
    private User[] friends(DirectSettings bobDirect) {
        User alice = user("alice", loopback());
        User bob = user("bob", bobDirect);
        server.server().context().database().jdbi().useTransaction(tx -> server.server().features().social().graph()
                .befriend(tx, alice.messenger().userId(), bob.messenger().userId(), System.currentTimeMillis()));
        assertThat(alice.messenger().openDirect(bob.ref()).join()).isEqualTo(ConversationPath.DIRECT);
        return new User[] {alice, bob};
    }

    private Path file(String name, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }

    private long filesOnServer() {
        return server.server().context().database().jdbi()
                .withHandle(h -> h.createQuery("select count(*) from files").mapTo(Long.class).one());
    }

    private static FileOffered offered(User u, int nth) {
        return await().until(() -> u.events(FileOffered.class), l -> l.size() >= nth).get(nth - 1);
    }

    @Test
    void a_file_larger_than_the_relay_limit_goes_directly_is_offered_like_any_other_and_the_server_stores_nothing() throws Exception {
        User[] pair = friends(loopback());
        User alice = pair[0];
        User bob = pair[1];
        Path source = file("report.pdf", 3_000_000);

        CompletableFuture<FileOffer> sending = alice.files().send(bob.ref(), source);
        FileOffer offer = offered(bob, 1).offer();
        assertThat(offer.name()).isEqualTo("report.pdf");
        assertThat(offer.size()).isEqualTo(3_000_000);
        assertThat(offer.mimeType()).isEqualTo("application/pdf");
        assertThat(offer.senderId()).isEqualTo(alice.messenger().userId());
        assertThat(offer.sha256()).isEqualTo(Sha256.ofFile(source));
        assertThat(offered(bob, 1).sender().userId()).isEqualTo(alice.messenger().userId());

        Path got = bob.files().accept(offer.fileId(), dir.resolve("bob-downloads")).join();
        FileOffer sent = sending.join();

        assertThat(got.getFileName().toString()).isEqualTo("report.pdf");
        assertThat(Sha256.ofFile(got)).isEqualTo(Sha256.ofFile(source));
        assertThat(sent.fileId()).isEqualTo(offer.fileId());
        assertThat(sent.state()).isEqualTo(FileState.READY);
        assertThat(filesOnServer()).isZero();
        await().until(() -> !alice.events(FileCompleted.class).isEmpty() && !bob.events(FileCompleted.class).isEmpty());
        assertThat(alice.events(FileProgress.class)).isNotEmpty().allMatch(p -> p.transport().equals("direct")
                && p.direction() == FileDirection.UPLOAD);
        assertThat(bob.events(FileProgress.class)).isNotEmpty().allMatch(p -> p.transport().equals("direct")
                && p.direction() == FileDirection.DOWNLOAD);
        assertThat(bob.events(FileProgress.class).get(bob.events(FileProgress.class).size() - 1).bytesDone()).isEqualTo(3_000_000);
        assertThat(bob.events(FileCompleted.class).get(0)).isEqualTo(new FileCompleted(offer.fileId(), FileDirection.DOWNLOAD, got));
    }

    @Test
    void a_declined_direct_file_fails_for_the_sender_and_nothing_is_written() throws Exception {
        User[] pair = friends(loopback());
        User alice = pair[0];
        User bob = pair[1];
        Path source = file("unwanted.bin", 200_000);

        CompletableFuture<FileOffer> sending = alice.files().send(bob.ref(), source);
        bob.files().decline(offered(bob, 1).offer().fileId()).join();

        assertThatThrownBy(sending::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(DirectChannelException.class).hasMessageContaining("declined");
        await().until(() -> !alice.events(FileFailed.class).isEmpty());
        assertThat(filesOnServer()).isZero();
        assertThat(dir.resolve("bob-downloads")).doesNotExist();
    }

    @Test
    void a_direct_transfer_cut_midway_fails_on_both_sides_and_sending_again_resumes_from_the_partial_file() throws Exception {
        int bobPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            bobPort = free.getLocalPort();
        }
        TcpProxy proxy = new TcpProxy(bobPort);
        closing.add(proxy);
        User[] pair = friends(loopback().withListener("127.0.0.1", bobPort).withAdvertised(List.of("127.0.0.1"), proxy.port()));
        User alice = pair[0];
        User bob = pair[1];
        int size = 48 * 1024 * 1024;
        Path source = file("big.bin", size);
        Path downloads = dir.resolve("bob-downloads");

        // At Bob's first progress his acknowledgements stop reaching Alice: she cannot run more than
        // the 8 MiB window ahead, so the file cannot finish; then the connection is cut.
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
        bob.messenger().addListener(e -> {
            if (e instanceof FileProgress p && p.direction() == FileDirection.DOWNLOAD && armed.getAndSet(false)) proxy.dropReplies(true);
        });
        CompletableFuture<FileOffer> first = alice.files().send(bob.ref(), source);
        FileOffer offer = offered(bob, 1).offer();
        CompletableFuture<Path> firstAccept = bob.files().accept(offer.fileId(), downloads);
        await().until(() -> !bob.events(FileProgress.class).isEmpty());
        proxy.cut();

        assertThatThrownBy(first::join).hasCauseInstanceOf(DirectChannelException.class);
        assertThatThrownBy(firstAccept::join).hasCauseInstanceOf(DirectChannelException.class);
        await().until(() -> !alice.events(FileFailed.class).isEmpty() && !bob.events(FileFailed.class).isEmpty());
        Path partial = downloads.resolve("big.bin." + Long.toUnsignedString(offer.fileId()) + ".part");
        long kept = Files.size(partial);
        assertThat(kept).isPositive().isLessThan(size);

        proxy.dropReplies(false);
        await().until(() -> alice.messenger().openDirect(bob.ref()).join() == ConversationPath.DIRECT);
        CompletableFuture<FileOffer> second = alice.files().send(bob.ref(), source);
        FileOffer again = offered(bob, 2).offer();
        assertThat(again.fileId()).isEqualTo(offer.fileId());
        int progressBefore = bob.events(FileProgress.class).size();
        Path got = bob.files().accept(again.fileId(), downloads).join();
        second.join();

        assertThat(Sha256.ofFile(got)).isEqualTo(Sha256.ofFile(source));
        assertThat(partial).doesNotExist();
        await().until(() -> bob.events(FileProgress.class).size() > progressBefore);
        assertThat(bob.events(FileProgress.class).get(progressBefore).bytesDone()).as("resumed, not from 0").isGreaterThan(kept);
        assertThat(filesOnServer()).isZero();
    }
}
