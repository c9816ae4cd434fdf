package im.magpie.server.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.FileAnswerRequest;
import im.magpie.protocol.proto.FileDownloadRequest;
import im.magpie.protocol.proto.FileInfo;
import im.magpie.protocol.proto.FileOfferRequest;
import im.magpie.protocol.proto.FileState;
import im.magpie.protocol.proto.FileStatusRequest;
import im.magpie.protocol.proto.FileUploadChunk;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.ListFilesRequest;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.ManualClock;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Files through the server: offer, resumable upload, hash check, fetch rights, answers, limits, expiry. */
class FileTransferIT {
    private static final int CHUNK = 64 * 1024;

    private static long id(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    private static void befriend(TestServer server, long a, long b) {
        var graph = server.server().features().social().graph();
        server.server().context().database().jdbi().useTransaction(tx -> graph.befriend(tx, a, b, System.currentTimeMillis()));
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static Frame offer(RawClient from, long to, String name, long size, byte[] sha) {
        return from.request(Frame.newBuilder().setFileOffer(FileOfferRequest.newBuilder()
                .setTo(Peer.newBuilder().setUserId(to)).setName(name).setSize(size).setMimeType("application/octet-stream")
                .setSha256(ByteString.copyFrom(sha))));
    }

    private static Frame chunk(RawClient c, long fileId, long offset, byte[] data, int from, int len) {
        return c.request(Frame.newBuilder().setFileUpload(FileUploadChunk.newBuilder()
                .setFileId(fileId).setOffset(offset).setData(ByteString.copyFrom(data, from, len))));
    }

    /** Uploads data[from..] and returns the last answer. */
    private static Frame uploadFrom(RawClient c, long fileId, byte[] data, int from) {
        Frame last = null;
        for (int at = from; at < data.length; at += CHUNK) {
            last = chunk(c, fileId, at, data, at, Math.min(CHUNK, data.length - at));
            if (last.hasError()) return last;
        }
        return last;
    }

    private static Frame download(RawClient c, long fileId, long offset) {
        return c.request(Frame.newBuilder().setFileDownload(FileDownloadRequest.newBuilder().setFileId(fileId).setOffset(offset)));
    }

    private static byte[] downloadAll(RawClient c, long fileId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            Frame f = download(c, fileId, out.size());
            assertThat(f.hasFileChunk()).as("%s", f).isTrue();
            out.writeBytes(f.getFileChunk().getData().toByteArray());
            if (f.getFileChunk().getLast()) return out.toByteArray();
        }
    }

    private static Frame answer(RawClient c, long fileId, boolean accept) {
        return c.request(Frame.newBuilder().setFileAnswer(FileAnswerRequest.newBuilder().setFileId(fileId).setAccept(accept)));
    }

    private static Frame status(RawClient c, long fileId) {
        return c.request(Frame.newBuilder().setFileStatus(FileStatusRequest.newBuilder().setFileId(fileId)));
    }

    private static List<InboxEvent> sync(RawClient c) {
        return c.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(0).setLimit(100))).getSyncPage().getEventsList();
    }

    private static void assertError(Frame f, ErrorCode code) {
        assertThat(f.hasError()).as("expected %s, got %s", code, f).isTrue();
        assertThat(f.getError().getCode()).isEqualTo(code);
    }

    private static long blobsOnDisk(TestServer server) throws IOException {
        Path blobs = server.dataDir().resolve("files").resolve("blobs");
        try (Stream<Path> s = Files.walk(blobs)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aFileOfferedToAFriend_reachesThemOnceUploaded_andTheyFetchTheSameBytes_andTheSenderHearsTheyAccepted() throws Exception {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice"); RawClient bob = RawClient.registered(server, "bob")) {
            long aliceId = id(alice), bobId = id(bob);
            befriend(server, aliceId, bobId);
            byte[] data = bytes(300_000, 1);
            FileInfo offered = offer(alice, bobId, "report.bin", data.length, sha256(data)).getFileInfo();
            assertThat(offered.getState()).isEqualTo(FileState.FILE_UPLOADING);
            assertThat(sync(bob)).as("nothing offered before the bytes are there").isEmpty();

            Frame done = uploadFrom(alice, offered.getFileId(), data, 0);
            assertThat(done.getFileInfo().getState()).isEqualTo(FileState.FILE_READY);
            List<InboxEvent> bobs = sync(bob);
            assertThat(bobs).hasSize(1);
            FileInfo seen = bobs.get(0).getFileOffered().getFile();
            assertThat(seen.getName()).isEqualTo("report.bin");
            assertThat(seen.getSenderId()).isEqualTo(aliceId);
            assertThat(seen.getSize()).isEqualTo(data.length);

            assertThat(answer(bob, seen.getFileId(), true).hasOk()).isTrue();
            assertThat(downloadAll(bob, seen.getFileId())).isEqualTo(data);
            assertThat(sync(alice)).anySatisfy(e -> {
                assertThat(e.getFileAnswered().getAccepted()).isTrue();
                assertThat(e.getFileAnswered().getUserId()).isEqualTo(bobId);
            });
            assertError(answer(bob, seen.getFileId(), false), ErrorCode.CONFLICT);

            // The same bytes offered again are stored once.
            FileInfo again = offer(alice, bobId, "copy.bin", data.length, sha256(data)).getFileInfo();
            assertThat(uploadFrom(alice, again.getFileId(), data, 0).getFileInfo().getState()).isEqualTo(FileState.FILE_READY);
            assertThat(blobsOnDisk(server)).isEqualTo(1);
            assertThat(bob.request(Frame.newBuilder().setListFiles(ListFilesRequest.getDefaultInstance())).getFileList().getFilesList())
                    .extracting(FileInfo::getName).containsExactly("copy.bin", "report.bin");
        }
    }

    @Test
    void aFileOfferedToAGroup_reachesItsMembers_andNotOutsiders() throws Exception {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice"); RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            long groupId = alice.request(Frame.newBuilder().setCreateGroup(im.magpie.protocol.proto.CreateGroupRequest.newBuilder()
                    .setName("team").setJoinPolicy(im.magpie.protocol.proto.JoinPolicy.OPEN))).getGroupInfo().getGroupId();
            assertThat(bob.request(Frame.newBuilder().setJoinGroup(im.magpie.protocol.proto.JoinGroupRequest.newBuilder()
                    .setGroupId(groupId))).hasError()).isFalse();
            byte[] data = bytes(50_000, 9);
            Frame.Builder toGroup = Frame.newBuilder().setFileOffer(FileOfferRequest.newBuilder()
                    .setTo(Peer.newBuilder().setGroupId(groupId)).setName("plan.txt").setSize(data.length)
                    .setSha256(ByteString.copyFrom(sha256(data))));
            assertError(carol.request(toGroup.clone()), ErrorCode.FORBIDDEN);
            FileInfo offered = alice.request(toGroup.clone()).getFileInfo();
            uploadFrom(alice, offered.getFileId(), data, 0);

            assertThat(sync(bob)).filteredOn(InboxEvent::hasFileOffered).singleElement()
                    .satisfies(e -> assertThat(e.getFileOffered().getFile().getTo().getGroupId()).isEqualTo(groupId));
            assertThat(downloadAll(bob, offered.getFileId())).isEqualTo(data);
            assertThat(sync(carol)).noneMatch(InboxEvent::hasFileOffered);
            assertError(download(carol, offered.getFileId(), 0), ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void anInterruptedUpload_resumesFromWhereItStopped_onAnotherConnection() throws Exception {
        try (TestServer server = TestServer.start(); RawClient bob = RawClient.registered(server, "bob")) {
            long bobId = id(bob);
            byte[] data = bytes(5 * CHUNK + 123, 2);
            long fileId;
            try (RawClient alice = RawClient.registered(server, "alice")) {
                befriend(server, id(alice), bobId);
                fileId = offer(alice, bobId, "big.bin", data.length, sha256(data)).getFileInfo().getFileId();
                chunk(alice, fileId, 0, data, 0, CHUNK);
                chunk(alice, fileId, CHUNK, data, CHUNK, CHUNK);
            } // the connection drops mid-upload
            try (RawClient alice = RawClient.connect(server)) {
                alice.login("alice", "password-123");
                FileInfo where = status(alice, fileId).getFileInfo();
                assertThat(where.getUploadedBytes()).isEqualTo(2L * CHUNK);
                assertError(chunk(alice, fileId, 0, data, 0, CHUNK), ErrorCode.CONFLICT); // not where it stopped
                assertThat(uploadFrom(alice, fileId, data, 2 * CHUNK).getFileInfo().getState()).isEqualTo(FileState.FILE_READY);
            }
            answer(bob, fileId, true);
            // A download resumes from an offset just the same.
            Frame tail = download(bob, fileId, data.length - 100L);
            assertThat(tail.getFileChunk().getData().toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, data.length - 100, data.length));
            assertThat(tail.getFileChunk().getLast()).isTrue();
            assertThat(downloadAll(bob, fileId)).isEqualTo(data);
        }
    }

    @Test
    void anUploadResumedAfterAServerRestart_isCheckedFromDisk_andCompletes(@org.junit.jupiter.api.io.TempDir Path data) throws Exception {
        byte[] data1 = bytes(3 * CHUNK + 7, 8);
        long fileId;
        long bobId;
        TestServer first = TestServer.builder().dataDir(data).start();
        try (RawClient alice = RawClient.registered(first, "alice"); RawClient bob = RawClient.registered(first, "bob")) {
            bobId = id(bob);
            befriend(first, id(alice), bobId);
            fileId = offer(alice, bobId, "restart.bin", data1.length, sha256(data1)).getFileInfo().getFileId();
            chunk(alice, fileId, 0, data1, 0, CHUNK);
        } finally {
            first.stopKeepingData();
        }
        try (TestServer second = TestServer.builder().dataDir(data).start(); RawClient alice = RawClient.connect(second);
             RawClient bob = RawClient.connect(second)) {
            alice.login("alice", "password-123");
            bob.login("bob", "password-123");
            assertThat(status(alice, fileId).getFileInfo().getUploadedBytes()).isEqualTo(CHUNK);
            assertThat(uploadFrom(alice, fileId, data1, CHUNK).getFileInfo().getState()).isEqualTo(FileState.FILE_READY);
            assertThat(downloadAll(bob, fileId)).isEqualTo(data1);
        }
    }

    @Test
    void bytesThatDoNotMatchTheOfferedHash_areRefused_andNothingIsOffered() throws Exception {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice"); RawClient bob = RawClient.registered(server, "bob")) {
            long bobId = id(bob);
            befriend(server, id(alice), bobId);
            byte[] data = bytes(100_000, 3);
            long fileId = offer(alice, bobId, "x.bin", data.length, sha256(bytes(100_000, 4))).getFileInfo().getFileId();

            assertError(uploadFrom(alice, fileId, data, 0), ErrorCode.BAD_REQUEST);
            assertThat(status(alice, fileId).getFileInfo().getUploadedBytes()).as("starts again from 0").isZero();
            assertThat(status(alice, fileId).getFileInfo().getState()).isEqualTo(FileState.FILE_UPLOADING);
            assertThat(sync(bob)).isEmpty();
            assertError(download(bob, fileId, 0), ErrorCode.CONFLICT);
            assertThat(blobsOnDisk(server)).isZero();
        }
    }

    @Test
    void aFileOverTheSizeLimit_orBadOffers_areRefusedBeforeAnythingIsStored() throws Exception {
        try (TestServer server = TestServer.builder().set(FileSettings.MAX_BYTES, 1000).start();
             RawClient alice = RawClient.registered(server, "alice"); RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            long bobId = id(bob);
            befriend(server, id(alice), bobId);
            byte[] sha = sha256(new byte[1]);
            assertError(offer(alice, bobId, "big.bin", 1001, sha), ErrorCode.TOO_LARGE);
            assertError(offer(alice, bobId, "../etc/passwd", 10, sha), ErrorCode.BAD_REQUEST);
            assertError(offer(alice, bobId, "empty", 0, sha), ErrorCode.BAD_REQUEST);
            assertError(offer(alice, bobId, "short-hash", 10, new byte[5]), ErrorCode.BAD_REQUEST);
            assertError(offer(alice, id(carol), "stranger.bin", 10, sha), ErrorCode.FORBIDDEN);
            Frame.Builder withThumbnail = Frame.newBuilder().setFileOffer(FileOfferRequest.newBuilder()
                    .setTo(Peer.newBuilder().setUserId(bobId)).setName("pic.png").setSize(10).setMimeType("image/png")
                    .setSha256(ByteString.copyFrom(sha)));
            withThumbnail.getFileOfferBuilder().setThumbnail(ByteString.copyFrom(new byte[40_000]));
            assertError(alice.request(withThumbnail.clone()), ErrorCode.TOO_LARGE);
            withThumbnail.getFileOfferBuilder().setThumbnail(ByteString.copyFromUtf8("<svg>not a picture</svg>"));
            assertError(alice.request(withThumbnail.clone()), ErrorCode.BAD_REQUEST);
            assertThat(offer(alice, bobId, "ok.bin", 1000, sha).hasFileInfo()).isTrue();
        }
    }

    @Test
    void theQuotaCountsUnexpiredFiles_andFreesUpWhenTheyExpire() throws Exception {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.builder().clock(clock).set(FileSettings.QUOTA_BYTES, 1000).start();
             RawClient alice = RawClient.registered(server, "alice"); RawClient bob = RawClient.registered(server, "bob")) {
            long bobId = id(bob);
            befriend(server, id(alice), bobId);
            byte[] sha = sha256(new byte[1]);
            assertThat(offer(alice, bobId, "a.bin", 600, sha).hasFileInfo()).isTrue();
            assertError(offer(alice, bobId, "b.bin", 600, sha), ErrorCode.TOO_LARGE);
            assertThat(offer(alice, bobId, "c.bin", 400, sha).hasFileInfo()).isTrue();

            clock.advance(Duration.ofDays(7).plusSeconds(1));
            assertThat(offer(alice, bobId, "d.bin", 600, sha).hasFileInfo()).isTrue();
        }
    }

    @Test
    void someoneWhoIsNeitherSenderNorRecipient_cannotFetchOrSeeAFile() throws Exception {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice"); RawClient bob = RawClient.registered(server, "bob");
             RawClient mallory = RawClient.registered(server, "mallory")) {
            long bobId = id(bob);
            befriend(server, id(alice), bobId);
            befriend(server, id(mallory), id(alice));
            byte[] data = bytes(1000, 5);
            long fileId = offer(alice, bobId, "secret.txt", data.length, sha256(data)).getFileInfo().getFileId();
            uploadFrom(alice, fileId, data, 0);

            assertError(download(mallory, fileId, 0), ErrorCode.FORBIDDEN);
            assertError(status(mallory, fileId), ErrorCode.FORBIDDEN);
            assertError(answer(mallory, fileId, true), ErrorCode.FORBIDDEN);
            assertError(chunk(mallory, fileId, 0, data, 0, 10), ErrorCode.FORBIDDEN);
            assertThat(downloadAll(alice, fileId)).as("the sender may").isEqualTo(data);
        }
    }

    @Test
    void aDeclinedFile_isToldToTheSender_andTheDeclinerCannotFetchIt() throws Exception {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, "alice"); RawClient bob = RawClient.registered(server, "bob")) {
            long bobId = id(bob);
            befriend(server, id(alice), bobId);
            byte[] data = bytes(1000, 6);
            long fileId = offer(alice, bobId, "meh.txt", data.length, sha256(data)).getFileInfo().getFileId();
            uploadFrom(alice, fileId, data, 0);

            assertThat(answer(bob, fileId, false).hasOk()).isTrue();
            assertThat(sync(alice)).anySatisfy(e -> {
                assertThat(e.getFileAnswered().getAccepted()).isFalse();
                assertThat(e.getFileAnswered().getName()).isEqualTo("meh.txt");
            });
            assertThat(status(bob, fileId).getFileInfo().getDeclined()).isTrue();
            assertError(download(bob, fileId, 0), ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void anExpiredFile_isGone_andItsContentIsDeletedByThePurge() throws Exception {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.builder().clock(clock).start();
             RawClient alice = RawClient.registered(server, "alice"); RawClient bob = RawClient.registered(server, "bob")) {
            long bobId = id(bob);
            befriend(server, id(alice), bobId);
            byte[] data = bytes(2000, 7);
            long fileId = offer(alice, bobId, "old.bin", data.length, sha256(data)).getFileInfo().getFileId();
            uploadFrom(alice, fileId, data, 0);
            clock.advance(Duration.ofDays(6));
            assertThat(download(bob, fileId, 0).hasFileChunk()).isTrue();

            clock.advance(Duration.ofDays(1));
            assertError(download(bob, fileId, 0), ErrorCode.NOT_FOUND);
            assertError(status(alice, fileId), ErrorCode.NOT_FOUND);
            assertThat(server.server().features().files().service().purgeExpired()).isEqualTo(1);
            assertThat(blobsOnDisk(server)).isZero();
        }
    }
}
