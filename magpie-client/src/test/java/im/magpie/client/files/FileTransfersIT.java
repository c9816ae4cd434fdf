package im.magpie.client.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.magpie.client.MagpieClient;
import im.magpie.client.MagpieClientException;
import im.magpie.client.Messenger;
import im.magpie.client.history.PeerRef;
import im.magpie.testkit.TestServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's file API against a real server: send, offers, accept/decline, resume, hash check. */
class FileTransfersIT {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    Path tmp;

    private TestServer server;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) c.close();
        server.close();
    }

    /** A registered user: its client, its file transfers and what they told it. */
    private record User(MagpieClient client, FileTransfers files, List<FileEvent> events, String name) {
        long id() {
            return client.session().orElseThrow().getSelf().getUserId();
        }
    }

    private User user(String prefix, FileTransfers.Builder settings) {
        String name = prefix + NAMES.incrementAndGet();
        MagpieClient client = login(name, true);
        return attach(client, name, settings);
    }

    private User attach(MagpieClient client, String name, FileTransfers.Builder settings) {
        FileTransfers files = settings.client(client).build();
        List<FileEvent> events = new CopyOnWriteArrayList<>();
        files.addListener(events::add);
        closeables.add(0, files);
        return new User(client, files, events, name);
    }

    private MagpieClient login(String name, boolean register) {
        MagpieClient client = MagpieClient.builder().host(server.host()).port(server.port()).tls(false)
                .profileDir(tmp.resolve("profile")).locale(Locale.ENGLISH).requestTimeout(Duration.ofSeconds(10)).build();
        closeables.add(client);
        client.connect().join();
        if (register) client.register(name, "password-123", name).join();
        else client.login(name, "password-123").join();
        return client;
    }

    private void befriend(User a, User b) {
        var graph = server.server().features().social().graph();
        server.server().context().database().jdbi().useTransaction(tx -> graph.befriend(tx, a.id(), b.id(), System.currentTimeMillis()));
    }

    private Path file(String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(tmp.resolve(name), b);
    }

    private static <T extends FileEvent> T awaitEvent(User u, Class<T> type) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> u.events().stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null), e -> e != null);
    }

    @Test
    void aFileSentToAFriend_isOfferedToThem_andAcceptingFetchesTheSameBytes_withProgressOnBothSides() throws Exception {
        User alice = user("alice", FileTransfers.builder());
        User bob = user("bob", FileTransfers.builder());
        befriend(alice, bob);
        Path source = file("notes.bin", 1_000_000, 1);

        FileOffer sent = alice.files().send(PeerRef.user(bob.id()), source).join();
        assertThat(sent.state()).isEqualTo(FileState.READY);
        assertThat(alice.events()).anySatisfy(e -> assertThat(e).isInstanceOf(FileEvent.Progress.class))
                .anySatisfy(e -> assertThat(e).isEqualTo(new FileEvent.Completed(sent.fileId(), FileDirection.UPLOAD, source.toAbsolutePath())));

        FileEvent.Offered offered = awaitEvent(bob, FileEvent.Offered.class);
        assertThat(offered.offer().name()).isEqualTo("notes.bin");
        assertThat(offered.offer().senderId()).isEqualTo(alice.id());
        assertThat(offered.offer().hasThumbnail()).isFalse();

        Path got = bob.files().accept(offered.offer().fileId(), tmp.resolve("bob-downloads")).join();
        assertThat(got.getFileName().toString()).isEqualTo("notes.bin");
        assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(source));
        assertThat(bob.events()).filteredOn(FileEvent.Progress.class::isInstance).last()
                .isEqualTo(new FileEvent.Progress(sent.fileId(), FileDirection.DOWNLOAD, 1_000_000, 1_000_000, "relay"));
        FileEvent.Answered answered = awaitEvent(alice, FileEvent.Answered.class);
        assertThat(answered.accepted()).isTrue();
        assertThat(answered.recipientId()).isEqualTo(bob.id());
    }

    @Test
    void aSmallImage_carriesAThumbnail_andIsAcceptedAutomatically() throws Exception {
        User alice = user("alice", FileTransfers.builder());
        Path inbox = tmp.resolve("bob-images");
        User bob = user("bob", FileTransfers.builder().autoAcceptImages(inbox, 1024 * 1024));
        befriend(alice, bob);
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(100, 100, 400, 300);
        g.dispose();
        Path png = tmp.resolve("cat.png");
        ImageIO.write(image, "png", png.toFile());

        alice.files().send(PeerRef.user(bob.id()), png).join();

        FileEvent.Offered offered = awaitEvent(bob, FileEvent.Offered.class);
        assertThat(offered.offer().isImage()).isTrue();
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(offered.offer().thumbnail()));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(Thumbnails.MAX_SIDE_PIXELS);
        FileEvent.Completed done = awaitEvent(bob, FileEvent.Completed.class);
        assertThat(Files.readAllBytes(done.file())).isEqualTo(Files.readAllBytes(png));
        assertThat(done.file().getParent()).isEqualTo(inbox);
    }

    @Test
    void aDecline_isToldToTheSender() throws Exception {
        User alice = user("alice", FileTransfers.builder());
        User bob = user("bob", FileTransfers.builder());
        befriend(alice, bob);
        FileOffer sent = alice.files().send(PeerRef.user(bob.id()), file("spam.bin", 5000, 2)).join();

        bob.files().decline(awaitEvent(bob, FileEvent.Offered.class).offer().fileId()).join();

        assertThat(awaitEvent(alice, FileEvent.Answered.class)).isEqualTo(new FileEvent.Answered(sent.fileId(), bob.id(), "spam.bin", false));
        assertThatThrownBy(() -> bob.files().accept(sent.fileId(), tmp.resolve("x")).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(MagpieClientException.class);
    }

    @Test
    void anInterruptedUpload_isResumedBySendingTheSameFileAgain_withoutASecondOffer() throws Exception {
        Path pending = tmp.resolve("uploads.properties");
        User alice = user("alice", FileTransfers.builder().pendingUploads(pending));
        User bob = user("bob", FileTransfers.builder());
        befriend(alice, bob);
        Path source = file("movie.bin", 3 * 1024 * 1024, 3);
        long aliceId = alice.id();
        // The connection drops as soon as the first piece is stored.
        alice.files().addListener(e -> {
            if (e instanceof FileEvent.Progress p && p.direction() == FileDirection.UPLOAD) alice.client().close();
        });

        assertThatThrownBy(() -> alice.files().send(PeerRef.user(bob.id()), source).join()).isInstanceOf(CompletionException.class);
        List<PendingUploads.Pending> unfinished = alice.files().pendingUploads();
        assertThat(unfinished).hasSize(1);
        long fileId = unfinished.get(0).fileId();
        long storedBefore = server.server().features().files().service().status(aliceId, fileId).getUploadedBytes();
        assertThat(storedBefore).isPositive().isLessThan(Files.size(source));

        User again = attach(login(alice.name(), false), alice.name(), FileTransfers.builder().pendingUploads(pending));
        FileOffer done = again.files().send(PeerRef.user(bob.id()), source).join();

        assertThat(done.fileId()).isEqualTo(fileId);
        assertThat(again.events()).filteredOn(FileEvent.Progress.class::isInstance).first()
                .satisfies(e -> assertThat(((FileEvent.Progress) e).bytesDone()).isGreaterThan(storedBefore));
        assertThat(again.files().pendingUploads()).isEmpty();
        assertThat(again.files().list().join()).extracting(FileOffer::fileId).containsExactly(fileId);
        Path got = bob.files().accept(fileId, tmp.resolve("bob")).join();
        assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void anUploadStartedFromAStaleOffset_asksTheServerAgain_andCompletes() throws Exception {
        User alice = user("alice", FileTransfers.builder());
        User bob = user("bob", FileTransfers.builder());
        befriend(alice, bob);
        Path source = file("stale.bin", 2 * 1024 * 1024, 7);
        OutgoingFile file = FileTransfers.describe(PeerRef.user(bob.id()), source);
        // The offer and two pieces, as an earlier connection would have left them.
        var offered = alice.client().request(im.magpie.protocol.proto.Frame.newBuilder().setFileOffer(
                im.magpie.protocol.proto.FileOfferRequest.newBuilder().setTo(im.magpie.protocol.proto.Peer.newBuilder().setUserId(bob.id()))
                        .setName(file.name()).setSize(file.size()).setSha256(com.google.protobuf.ByteString.fromHex(file.sha256()))),
                im.magpie.protocol.proto.Frame.BodyCase.FILE_INFO).join().getFileInfo();
        byte[] bytes = Files.readAllBytes(source);
        for (int at = 0; at < 2 * RelayedFileTransport.CHUNK_BYTES; at += RelayedFileTransport.CHUNK_BYTES) {
            alice.client().request(im.magpie.protocol.proto.Frame.newBuilder().setFileUpload(
                    im.magpie.protocol.proto.FileUploadChunk.newBuilder().setFileId(offered.getFileId()).setOffset(at)
                            .setData(com.google.protobuf.ByteString.copyFrom(bytes, at, RelayedFileTransport.CHUNK_BYTES))),
                    im.magpie.protocol.proto.Frame.BodyCase.FILE_INFO).join();
        }
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // It believes nothing is stored yet: its first piece is refused with CONFLICT.
            FileOffer done = RelayedFileTransport.over(alice.client(), executor).upload(offered, source, TransferProgress.NONE);
            assertThat(done.state()).isEqualTo(FileState.READY);
        } finally {
            executor.shutdownNow();
        }
        assertThat(Files.readAllBytes(bob.files().accept(offered.getFileId(), tmp.resolve("bob")).join())).isEqualTo(bytes);
    }

    @Test
    void anInterruptedDownload_continuesFromItsPartialFile() throws Exception {
        User alice = user("alice", FileTransfers.builder());
        User bob = user("bob", FileTransfers.builder());
        befriend(alice, bob);
        Path source = file("big.bin", 2 * 1024 * 1024, 4);
        FileOffer sent = alice.files().send(PeerRef.user(bob.id()), source).join();
        Path dir = Files.createDirectories(tmp.resolve("bob"));
        int had = 700_000;
        Files.write(dir.resolve("big.bin." + sent.fileId() + ".part"), java.util.Arrays.copyOf(Files.readAllBytes(source), had));

        Path got = bob.files().accept(sent.fileId(), dir).join();

        assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(source));
        assertThat(bob.events()).filteredOn(FileEvent.Progress.class::isInstance).first()
                .satisfies(e -> assertThat(((FileEvent.Progress) e).bytesDone()).isEqualTo(had + RelayedFileTransport.CHUNK_BYTES));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(got);
        }
    }

    @Test
    void bytesThatDoNotMatchTheOfferedHash_failTheDownload_andLeaveNoFile() throws Exception {
        User alice = user("alice", FileTransfers.builder());
        User bob = user("bob", FileTransfers.builder());
        befriend(alice, bob);
        Path source = file("doc.bin", 100_000, 5);
        FileOffer sent = alice.files().send(PeerRef.user(bob.id()), source).join();
        // The server's copy is damaged on its disk.
        Path blob = server.dataDir().resolve("files/blobs").resolve(sent.sha256().substring(0, 2)).resolve(sent.sha256());
        byte[] damaged = Files.readAllBytes(blob);
        damaged[50_000] ^= 1;
        Files.write(blob, damaged);

        Path dir = tmp.resolve("bob");
        assertThatThrownBy(() -> bob.files().accept(sent.fileId(), dir).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(FileIntegrityException.class);
        assertThat(awaitEvent(bob, FileEvent.Failed.class).reason()).isInstanceOf(FileIntegrityException.class);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anOfflineRecipient_usingAMessenger_hearsOfTheOfferBySyncWhenItComesOnline() throws Exception {
        User alice = user("alice", FileTransfers.builder());
        String bobName = "bob" + NAMES.incrementAndGet();
        long bobId;
        try (MagpieClient bob = login(bobName, true)) {
            bobId = bob.session().orElseThrow().getSelf().getUserId();
        }
        var graph = server.server().features().social().graph();
        server.server().context().database().jdbi().useTransaction(tx -> graph.befriend(tx, alice.id(), bobId, System.currentTimeMillis()));
        FileOffer sent = alice.files().send(PeerRef.user(bobId), file("later.txt", 1234, 6)).join();

        Messenger messenger = Messenger.builder().server("127.0.0.1", server.port()).tls(false)
                .profileDir(tmp.resolve("bob-profile")).build();
        closeables.add(0, messenger);
        FileTransfers files = FileTransfers.builder().messenger(messenger).build();
        closeables.add(0, files);
        List<FileEvent> events = new CopyOnWriteArrayList<>();
        files.addListener(events::add);
        messenger.login(bobName, "password-123").join();

        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e ->
                e instanceof FileEvent.Offered o && o.offer().fileId() == sent.fileId()));
        Path got = files.accept(sent.fileId(), tmp.resolve("bob-files")).join();
        assertThat(Files.size(got)).isEqualTo(1234);
    }
}
