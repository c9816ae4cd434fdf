package im.magpie.server.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.AnswerGroupInvitation;
import im.magpie.protocol.proto.BlockUserRequest;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.CreateCategoryRequest;
import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.ReceiptRequest;
import im.magpie.protocol.proto.RecallRequest;
import im.magpie.protocol.proto.SendFriendRequest;
import im.magpie.protocol.proto.AnswerFriendRequest;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.SetAvatarRequest;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.server.group.GroupSettings;
import im.magpie.server.store.Database;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and import between databases: data a real server wrote on its embedded default goes to
 * PostgreSQL, then MariaDB (when their suites are switched on), then the other embedded database
 * (SQLite or H2), then the embedded default again, and each database exports exactly what the first
 * one did; the last one serves the old accounts.
 */
class TransferRoundTripIT {
    private static final String ALICE_NICK = "阿丽丝 🐦 Ålice";
    private static final String HELLO = "你好，世界 ✓ — héllo";

    @TempDir
    Path tmp;

    @Test
    void dataWrittenOnTheEmbeddedDefaultSurvivesEveryOtherBackendAndComesBackIdentical() throws Exception {
        Path source = tmp.resolve("source");
        seed(source);
        byte[] first = export(Database.embeddedUrl(source));
        Map<String, List<String>> original = Dumps.content(first);
        assertThat(original.get("users")).anySatisfy(row -> assertThat(row).contains(ALICE_NICK));
        assertThat(original.get("avatars")).singleElement().satisfies(row -> assertThat(row).contains("image=0x89504e47"));
        assertThat(original.get("messages")).hasSizeGreaterThanOrEqualTo(4);
        for (String table : List.of("friendships", "blocks", "friend_requests", "friend_categories", "inbox_events",
                "inbox_heads", "receipt_marks", "chat_groups", "group_members", "friend_list_versions", "user_sessions")) {
            assertThat(original.get(table)).as(table).isNotEmpty();
        }

        List<TestDatabase> chain = new ArrayList<>();
        for (TestDatabase db : List.of(TestDatabase.POSTGRESQL, TestDatabase.MARIADB)) if (db.isEnabled()) chain.add(db);
        chain.add(TestDatabase.EMBEDDED_DEFAULT == TestDatabase.SQLITE ? TestDatabase.H2 : TestDatabase.SQLITE);
        byte[] dump = first;
        List<TestDatabase.Created> created = new ArrayList<>();
        try {
            for (TestDatabase db : chain) {
                TestDatabase.Created target = db.create();
                created.add(target);
                dump = importThenExport(target.jdbcUrl(), dump);
                assertThat(Dumps.content(dump)).as("after %s", db).isEqualTo(original);
            }
        } finally {
            created.forEach(TestDatabase.Created::close);
        }
        Path last = tmp.resolve("last");
        dump = importThenExport(Database.embeddedUrl(last), dump);
        assertThat(Dumps.content(dump)).isEqualTo(original);

        // The last copy serves: the password hash logs alice in, her history is there.
        try (TestServer server = TestServer.builder().dataDir(last).start();
                RawClient alice = RawClient.connect(server)) {
            assertThat(alice.login("alice", "password-123").hasLoginOk()).isTrue();
            var page = alice.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(0).setLimit(100))).getSyncPage();
            assertThat(page.getEventsList()).anySatisfy(e -> assertThat(e.getMessage().getContent().getText().getText()).isEqualTo(HELLO));
            // The id generator keeps going past the imported ids.
            long newGroup = alice.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("later").setJoinPolicy(JoinPolicy.INVITE_ONLY))).getGroupInfo().getGroupId();
            assertThat(newGroup).isGreaterThan(maxId(original.get("chat_groups"), "group_id"));
        }
    }

    @Test
    void importRefusesANonEmptyTargetAndChangesNothingUnlessToldToReplace() throws Exception {
        Path source = tmp.resolve("source");
        seed(source);
        byte[] dump = export(Database.embeddedUrl(source));
        String target = Database.embeddedUrl(tmp.resolve("target"));
        importThenExport(target, dump);
        try (Database db = Database.open(target, "", "", 2)) {
            Importer importer = new Importer(db, Clock.systemUTC());
            assertThatThrownBy(() -> importer.importDump(new ByteArrayInputStream(dump), new Importer.Options(false), TransferListener.NONE))
                    .isInstanceOf(TransferException.TargetNotEmpty.class)
                    .hasMessageContaining("users");
            TransferSummary replaced = importer.importDump(new ByteArrayInputStream(dump), new Importer.Options(true), TransferListener.NONE);
            assertThat(replaced.rowsPerTable()).isEqualTo(Dumps.counts(Dumps.content(dump)));
        }
        assertThat(Dumps.content(export(target))).isEqualTo(Dumps.content(dump));
    }

    @Test
    void aCutDumpOrAnotherFileIsRefusedWithAReason() throws Exception {
        Path source = tmp.resolve("source");
        seed(source);
        byte[] dump = export(Database.embeddedUrl(source));
        try (Database db = Database.open(Database.embeddedUrl(tmp.resolve("target")), "", "", 2)) {
            Importer importer = new Importer(db, Clock.systemUTC());
            assertThatThrownBy(() -> importer.importDump(new ByteArrayInputStream(Dumps.cut(dump, dump.length - 40)),
                    new Importer.Options(false), TransferListener.NONE))
                    .isInstanceOf(TransferException.class).hasMessageContaining("ends early");
            assertThatThrownBy(() -> importer.importDump(new ByteArrayInputStream("hello".getBytes()),
                    new Importer.Options(true), TransferListener.NONE))
                    .isInstanceOf(TransferException.class).hasMessageContaining("not a Magpie dump");
        }
    }

    @Test
    void aTableTheTransferDoesNotKnowFailsTheExportByName() {
        String url = Database.embeddedUrl(tmp.resolve("db"));
        try (Database db = Database.open(url, "", "", 2)) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE mystery_notes (id BIGINT PRIMARY KEY)"));
            Exporter exporter = new Exporter(db, Clock.systemUTC());
            assertThatThrownBy(() -> exporter.export(new ByteArrayOutputStream(), new Exporter.Options(true), TransferListener.NONE))
                    .isInstanceOf(TransferException.class).hasMessageContaining("mystery_notes");
        }
    }

    @Test
    void anExportWithoutSessionsLeavesOnlyTheDevicesBehind() throws Exception {
        Path source = tmp.resolve("source");
        seed(source);
        try (Database db = Database.open(Database.embeddedUrl(source), "", "", 2)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransferSummary s = new Exporter(db, Clock.systemUTC()).export(out, new Exporter.Options(false), TransferListener.NONE);
            assertThat(s.rowsPerTable()).doesNotContainKey("user_sessions").containsKey("users");
            assertThat(Dumps.content(out.toByteArray())).doesNotContainKey("user_sessions");
        }
    }

    private static long maxId(List<String> rows, String column) {
        return rows.stream().map(r -> r.replaceAll(".*[{ ]" + column + "=(\\d+).*", "$1")).mapToLong(Long::parseLong).max().orElse(0);
    }

    private static byte[] export(String url) {
        try (Database db = Database.open(url, "", "", 2)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransferSummary s = new Exporter(db, Clock.systemUTC()).export(out, new Exporter.Options(true), TransferListener.NONE);
            assertThat(s.totalRows()).isPositive();
            return out.toByteArray();
        }
    }

    private static byte[] importThenExport(String url, byte[] dump) {
        try (Database db = Database.open(url, "", "", 2)) {
            new Importer(db, Clock.systemUTC()).importDump(new ByteArrayInputStream(dump), new Importer.Options(false), TransferListener.NONE);
        }
        return export(url);
    }

    /** A real server on H2 in {@code dir} writes a bit of everything, then stops. */
    private static void seed(Path dir) throws IOException {
        try (TestServer server = TestServer.builder().dataDir(dir).set(GroupSettings.LOBBY_ENABLED, true).start();
                RawClient alice = RawClient.connect(server);
                RawClient bob = RawClient.connect(server);
                RawClient carol = RawClient.connect(server)) {
            alice.register("alice", "password-123", ALICE_NICK);
            bob.register("bob", "password-123", "鲍勃");
            carol.register("carol", "password-123", "Carol");
            long aliceId = id(alice), bobId = id(bob), carolId = id(carol);
            long request = alice.request(Frame.newBuilder().setSendFriendRequest(SendFriendRequest.newBuilder()
                    .setUsername("bob").setNote("我是阿丽丝"))).getFriendRequest().getRequestId();
            assertThat(bob.request(Frame.newBuilder().setAnswerFriendRequest(AnswerFriendRequest.newBuilder()
                    .setRequestId(request).setAccept(true))).hasFriendRequest()).isTrue();
            carol.request(Frame.newBuilder().setSendFriendRequest(SendFriendRequest.newBuilder().setUsername("alice").setNote("hi")));
            assertThat(alice.request(Frame.newBuilder().setCreateCategory(CreateCategoryRequest.newBuilder().setName("同学"))).hasCategory()).isTrue();
            bob.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(carolId)));
            assertThat(alice.request(Frame.newBuilder().setSetAvatar(SetAvatarRequest.newBuilder().setImage(ByteString.copyFrom(png()))))
                    .hasProfile()).isTrue();
            long first = send(alice, Peer.newBuilder().setUserId(bobId), "m1", HELLO);
            send(bob, Peer.newBuilder().setUserId(aliceId), "m2", "收到 👍");
            long recalled = send(alice, Peer.newBuilder().setUserId(bobId), "m3", "oops");
            assertThat(alice.request(Frame.newBuilder().setRecall(RecallRequest.newBuilder().setMessageId(recalled))).hasError()).isFalse();
            bob.request(Frame.newBuilder().setReceipt(ReceiptRequest.newBuilder()
                    .setPeer(Peer.newBuilder().setUserId(aliceId)).setKind(ReceiptKind.READ).setUpToMessageId(first)));
            long group = alice.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("鹊桥").setJoinPolicy(JoinPolicy.INVITE_ONLY).addInviteUserIds(bobId))).getGroupInfo().getGroupId();
            assertThat(bob.request(Frame.newBuilder().setAnswerGroupInvitation(AnswerGroupInvitation.newBuilder()
                    .setGroupId(group).setAccept(true))).hasGroupInfo()).isTrue();
            send(bob, Peer.newBuilder().setGroupId(group), "g1", "大家好");
        }
    }

    private static long send(RawClient from, Peer.Builder to, String clientId, String text) {
        Frame ack = from.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                .setClientMsgId(clientId).setTo(to).setContent(Content.newBuilder().setText(Text.newBuilder().setText(text)))));
        assertThat(ack.hasSendAck()).as("send answered %s", ack).isTrue();
        return ack.getSendAck().getMessageId();
    }

    private static long id(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) for (int y = 0; y < 30; y++) image.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | 0x80);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

}
