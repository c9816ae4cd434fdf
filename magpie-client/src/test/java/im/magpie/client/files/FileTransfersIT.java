package im.magpie.client.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.magpie.client.JoinPolicy;
import im.magpie.client.MagpieClientException;
import im.magpie.client.Messenger;
import im.magpie.client.MessengerBuilder;
import im.magpie.client.MessengerEvent.FileAnswered;
import im.magpie.client.MessengerEvent.FileCompleted;
import im.magpie.client.MessengerEvent.FileEvent;
import im.magpie.client.MessengerEvent.FileFailed;
import im.magpie.client.MessengerEvent.FileOffered;
import im.magpie.client.MessengerEvent.FileProgress;
import im.magpie.client.MessengerEvent;
import im.magpie.client.history.PeerRef;
import im.magpie.client.internal.MagpieClient;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messenger's file API against a real server: send, offers, accept/decline, resume, hash check. */
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

    /** A registered user: its messenger and the file events it heard. */
    private record User(Messenger messenger, List<FileEvent> events, String name) {
        long id() {
            return messenger.userId();
        }

        FileTransfers files() {
            return messenger.files();
        }
    }

    private User user(String prefix) {
        return user(prefix, b -> { });
    }

    private User user(String prefix, Consumer<MessengerBuilder> settings) {
        String name = prefix + NAMES.incrementAndGet();
        MessengerBuilder builder = builder(name);
        settings.accept(builder);
        Messenger messenger = builder.build();
        closeables.add(0, messenger);
        List<FileEvent> events = new CopyOnWriteArrayList<>();
        messenger.addListener(e -> {
            if (e instanceof FileEvent f) events.add(f);
        });
        messenger.register(name, "password-123", name).join();
        return new User(messenger, events, name);
    }

    private MessengerBuilder builder(String name) {
        return Messenger.builder().server(server.host(), server.port()).tls(false)
                .profileDir(tmp.resolve("profile-" + name)).client(c -> c.locale(Locale.ENGLISH).requestTimeout(Duration.ofSeconds(10)));
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
        User alice = user("alice");
        User bob = user("bob");
        befriend(alice, bob);
        Path source = file("notes.bin", 1_000_000, 1);

        FileOffer sent = alice.files().send(PeerRef.user(bob.id()), source).join();
        assertThat(sent.state()).isEqualTo(FileState.READY);
        awaitEvent(alice, FileCompleted.class); // events reach listeners on the messenger's event thread
        assertThat(alice.events()).anySatisfy(e -> assertThat(e).isInstanceOf(FileProgress.class))
                .anySatisfy(e -> assertThat(e).isEqualTo(new FileCompleted(sent.fileId(), FileDirection.UPLOAD, source.toAbsolutePath())));

        FileOffered offered = awaitEvent(bob, FileOffered.class);
        assertThat(offered.offer().name()).isEqualTo("notes.bin");
        assertThat(offered.offer().senderId()).isEqualTo(alice.id());
        assertThat(offered.offer().hasThumbnail()).isFalse();

        Path got = bob.files().accept(offered.offer().fileId(), tmp.resolve("bob-downloads")).join();
        assertThat(got.getFileName().toString()).isEqualTo("notes.bin");
        assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(source));
        awaitEvent(bob, FileCompleted.class);
        assertThat(bob.events()).filteredOn(FileProgress.class::isInstance).last()
                .isEqualTo(new FileProgress(sent.fileId(), FileDirection.DOWNLOAD, 1_000_000, 1_000_000, "relay"));
        FileAnswered answered = awaitEvent(alice, FileAnswered.class);
        assertThat(answered.accepted()).isTrue();
        assertThat(answered.recipient().userId()).isEqualTo(bob.id());
        assertThat(answered.recipient().username()).isEqualTo(bob.name());
        assertThat(offered.sender().username()).isEqualTo(alice.name());
        assertThat(offered.chat().peer()).isEqualTo(PeerRef.user(alice.id()));
    }

    @Test
    void aSmallImage_carriesAThumbnail_andIsAcceptedAutomatically() throws Exception {
        User alice = user("alice");
        Path inbox = tmp.resolve("bob-images");
        User bob = user("bob", b -> b.autoAcceptImages(inbox, 1024 * 1024));
        befriend(alice, bob);
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(100, 100, 400, 300);
        g.dispose();
        Path png = tmp.resolve("cat.png");
        ImageIO.write(image, "png", png.toFile());

        alice.files().send(PeerRef.user(bob.id()), png).join();

        FileOffered offered = awaitEvent(bob, FileOffered.class);
        assertThat(offered.offer().isImage()).isTrue();
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(offered.offer().thumbnail()));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(Thumbnails.MAX_SIDE_PIXELS);
        FileCompleted done = awaitEvent(bob, FileCompleted.class);
        assertThat(Files.readAllBytes(done.file())).isEqualTo(Files.readAllBytes(png));
        assertThat(done.file().getParent()).isEqualTo(inbox);
    }

    @Test
    void aFileOfferedToAGroup_reachesAMember_asAnOfferInTheGroupsChat() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        befriend(alice, bob);
        var group = alice.messenger().groupChats().create("photos", "", JoinPolicy.INVITE_ONLY, true, List.of(bob.id())).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> !bob.messenger().groupChats().invitations().isEmpty());
        bob.messenger().groupChats().answerInvitation(group.groupId(), true).join();

        FileOffer sent = alice.files().send(PeerRef.group(group.groupId()), file("album.bin", 20_000, 8)).join();

        FileOffered offered = awaitEvent(bob, FileOffered.class);
        assertThat(offered.fileId()).isEqualTo(sent.fileId());
        assertThat(offered.offer().to()).isEqualTo(PeerRef.group(group.groupId()));
        assertThat(offered.chat().peer()).isEqualTo(PeerRef.group(group.groupId()));
        assertThat(offered.chat().title()).isEqualTo("photos");
        assertThat(offered.sender().userId()).isEqualTo(alice.id());
        assertThat(alice.events()).noneMatch(FileOffered.class::isInstance); // not told of its own offer
    }

    @Test
    void aDecline_isToldToTheSender() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        befriend(alice, bob);
        FileOffer sent = alice.files().send(PeerRef.user(bob.id()), file("spam.bin", 5000, 2)).join();

        bob.files().decline(awaitEvent(bob, FileOffered.class).offer().fileId()).join();

        FileAnswered answered = awaitEvent(alice, FileAnswered.class);
        assertThat(answered.fileId()).isEqualTo(sent.fileId());
        assertThat(answered.recipient().userId()).isEqualTo(bob.id());
        assertThat(answered.name()).isEqualTo("spam.bin");
        assertThat(answered.accepted()).isFalse();
        assertThatThrownBy(() -> bob.files().accept(sent.fileId(), tmp.resolve("x")).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(MagpieClientException.class);
    }

    @Test
    void anInterruptedUpload_isResumedBySendingTheSameFileAgain_withoutASecondOffer() throws Exception {
        User alice = user("alice", b -> b.reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200)));
        User bob = user("bob");
        befriend(alice, bob);
        Path source = file("movie.bin", 3 * 1024 * 1024, 3);
        long aliceId = alice.id();
        // The server drops the connection as soon as the first piece is stored; the messenger reconnects.
        AtomicBoolean dropped = new AtomicBoolean();
        alice.messenger().addListener(e -> {
            if (e instanceof FileProgress p && p.direction() == FileDirection.UPLOAD && dropped.compareAndSet(false, true)) {
                server.server().context().sessions().connectionsOf(aliceId).forEach(c -> c.close("test: connection lost"));
            }
        });

        assertThatThrownBy(() -> alice.files().send(PeerRef.user(bob.id()), source).join()).isInstanceOf(CompletionException.class);
        List<PendingUploads.Pending> unfinished = alice.files().pendingUploads();
        assertThat(unfinished).hasSize(1);
        long fileId = unfinished.get(0).fileId();
        long storedBefore = server.server().features().files().service().status(aliceId, fileId).getUploadedBytes();
        assertThat(storedBefore).isPositive().isLessThan(Files.size(source));

        // The same account in a new messenger (a new run of the program, the same profile).
        alice.messenger().close();
        MessengerBuilder sameProfile = Messenger.builder().server(server.host(), server.port()).tls(false)
                .profileDir(tmp.resolve("profile-" + alice.name())).client(c -> c.locale(Locale.ENGLISH));
        Messenger again = sameProfile.build();
        closeables.add(0, again);
        List<FileEvent> events = new CopyOnWriteArrayList<>();
        again.addListener(e -> {
            if (e instanceof FileEvent f) events.add(f);
        });
        again.resume(alice.name()).join();
        FileOffer done = again.files().send(PeerRef.user(bob.id()), source).join();

        assertThat(done.fileId()).isEqualTo(fileId);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(FileCompleted.class::isInstance));
        assertThat(events).filteredOn(FileProgress.class::isInstance).first()
                .satisfies(e -> assertThat(((FileProgress) e).bytesDone()).isGreaterThan(storedBefore));
        assertThat(again.files().pendingUploads()).isEmpty();
        assertThat(again.files().list().join()).extracting(FileOffer::fileId).containsExactly(fileId);
        Path got = bob.files().accept(fileId, tmp.resolve("bob")).join();
        assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void anUploadStartedFromAStaleOffset_asksTheServerAgain_andCompletes() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        befriend(alice, bob);
        // Alice's other device, speaking the protocol directly.
        MagpieClient raw = MagpieClient.builder().host(server.host()).port(server.port()).tls(false)
                .profileDir(tmp.resolve("raw-" + alice.name())).locale(Locale.ENGLISH).build();
        closeables.add(0, raw);
        raw.connect().join();
        raw.login(alice.name(), "password-123").join();
        Path source = file("stale.bin", 2 * 1024 * 1024, 7);
        OutgoingFile file = FileTransfers.describe(PeerRef.user(bob.id()), source);
        // The offer and two pieces, as an earlier connection would have left them.
        var offered = raw.request(im.magpie.protocol.proto.Frame.newBuilder().setFileOffer(
                im.magpie.protocol.proto.FileOfferRequest.newBuilder().setTo(im.magpie.protocol.proto.Peer.newBuilder().setUserId(bob.id()))
                        .setName(file.name()).setSize(file.size()).setSha256(com.google.protobuf.ByteString.fromHex(file.sha256()))),
                im.magpie.protocol.proto.Frame.BodyCase.FILE_INFO).join().getFileInfo();
        byte[] bytes = Files.readAllBytes(source);
        for (int at = 0; at < 2 * RelayedFileTransport.CHUNK_BYTES; at += RelayedFileTransport.CHUNK_BYTES) {
            raw.request(im.magpie.protocol.proto.Frame.newBuilder().setFileUpload(
                    im.magpie.protocol.proto.FileUploadChunk.newBuilder().setFileId(offered.getFileId()).setOffset(at)
                            .setData(com.google.protobuf.ByteString.copyFrom(bytes, at, RelayedFileTransport.CHUNK_BYTES))),
                    im.magpie.protocol.proto.Frame.BodyCase.FILE_INFO).join();
        }
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // It believes nothing is stored yet: its first piece is refused with CONFLICT.
            FileOffer done = new RelayedFileTransport(raw::request, executor).upload(offered, source, TransferProgress.NONE);
            assertThat(done.state()).isEqualTo(FileState.READY);
        } finally {
            executor.shutdownNow();
        }
        assertThat(Files.readAllBytes(bob.files().accept(offered.getFileId(), tmp.resolve("bob")).join())).isEqualTo(bytes);
    }

    @Test
    void anInterruptedDownload_continuesFromItsPartialFile() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        befriend(alice, bob);
        Path source = file("big.bin", 2 * 1024 * 1024, 4);
        FileOffer sent = alice.files().send(PeerRef.user(bob.id()), source).join();
        Path dir = Files.createDirectories(tmp.resolve("bob"));
        int had = 700_000;
        Files.write(dir.resolve("big.bin." + sent.fileId() + ".part"), java.util.Arrays.copyOf(Files.readAllBytes(source), had));

        Path got = bob.files().accept(sent.fileId(), dir).join();

        assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(source));
        awaitEvent(bob, FileCompleted.class);
        assertThat(bob.events()).filteredOn(FileProgress.class::isInstance).first()
                .satisfies(e -> assertThat(((FileProgress) e).bytesDone()).isEqualTo(had + RelayedFileTransport.CHUNK_BYTES));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(got);
        }
    }

    @Test
    void bytesThatDoNotMatchTheOfferedHash_failTheDownload_andLeaveNoFile() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
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
        assertThat(awaitEvent(bob, FileFailed.class).reason()).isInstanceOf(FileIntegrityException.class);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anOfflineRecipient_hearsOfTheOfferBySyncWhenItComesOnline_namedAndInItsChat() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        befriend(alice, bob);
        String bobName = bob.name();
        long bobId = bob.id();
        bob.messenger().close();
        FileOffer sent = alice.files().send(PeerRef.user(bobId), file("later.txt", 1234, 6)).join();

        Messenger messenger = builder(bobName).build();
        closeables.add(0, messenger);
        List<MessengerEvent> events = new CopyOnWriteArrayList<>();
        messenger.addListener(events::add);
        messenger.resume(bobName).join();

        FileOffered offered = (FileOffered) await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                .filter(e -> e instanceof FileOffered o && o.offer().fileId() == sent.fileId()).findFirst().orElse(null), e -> e != null);
        assertThat(offered.sender().username()).isEqualTo(alice.name());
        assertThat(offered.seq()).isPositive();
        Path got = messenger.files().accept(sent.fileId(), tmp.resolve("bob-files")).join();
        assertThat(Files.size(got)).isEqualTo(1234);
    }
}
