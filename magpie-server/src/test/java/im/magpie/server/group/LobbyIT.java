package im.magpie.server.group;

import static im.magpie.server.group.GroupTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.ProtocolVersion;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupNoticeKind;
import im.magpie.protocol.proto.GroupRole;
import im.magpie.protocol.proto.Hello;
import im.magpie.protocol.proto.JoinGroupRequest;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.LeaveGroupRequest;
import im.magpie.protocol.proto.ListGroupsRequest;
import im.magpie.protocol.proto.DissolveGroupRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lobby: one open group every account is in, like a classic chat room. */
class LobbyIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static List<GroupInfo> groups(RawClient c) {
        return c.request(Frame.newBuilder().setListGroups(ListGroupsRequest.getDefaultInstance())).getGroupList().getGroupsList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void every_new_account_joins_the_lobby_and_the_members_hear_of_it(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).set(GroupSettings.LOBBY_ENABLED, true).start();
             RawClient alice = RawClient.registered(server, "alice")) {
            List<GroupInfo> mine = groups(alice);
            assertThat(mine).hasSize(1);
            GroupInfo lobby = mine.get(0);
            assertThat(lobby.getIsLobby()).isTrue();
            assertThat(lobby.getName()).isEqualTo("Lobby");
            assertThat(lobby.getJoinPolicy()).isEqualTo(JoinPolicy.OPEN);
            assertThat(lobby.getMyRole()).isEqualTo(GroupRole.MEMBER);
            assertThat(lobby.getOwnerId()).isZero();
            long gid = lobby.getGroupId();
            try (RawClient bob = RawClient.registered(server, "bob")) {
                assertThat(awaitNotice(alice, gid, GroupNoticeKind.MEMBER_JOINED).getSubjectId()).isEqualTo(id(bob));
                assertThat(groups(bob)).extracting(GroupInfo::getMemberCount).containsExactly(2);
                assertThat(server.server().features().groups().directory().membersForPost(gid, id(bob))).hasSize(2);
                // nobody owns the lobby: nobody dissolves it; members may leave and come back
                assertThat(error(alice.request(Frame.newBuilder().setDissolveGroup(DissolveGroupRequest.newBuilder().setGroupId(gid)))))
                        .isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(bob.request(Frame.newBuilder().setLeaveGroup(LeaveGroupRequest.newBuilder().setGroupId(gid))).hasOk()).isTrue();
                assertThat(bob.request(Frame.newBuilder().setJoinGroup(JoinGroupRequest.newBuilder().setGroupId(gid))).hasGroupInfo()).isTrue();
            }
            try (RawClient zh = RawClient.open(server)) {
                zh.request(Frame.newBuilder().setHello(Hello.newBuilder().setMajor(ProtocolVersion.MAJOR)
                        .setMinor(ProtocolVersion.MINOR).setLocale("zh-CN")));
                zh.register("carol", "password-123", "Carol");
                assertThat(groups(zh)).extracting(GroupInfo::getName).containsExactly("大厅");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_lobby_created_later_takes_in_the_existing_accounts_once(TestDatabase db) throws Exception {
        Path dir = Files.createTempDirectory("magpie-lobby-");
        TestDatabase.Created database = db.create();
        try {
            try (TestServer first = TestServer.builder().dataDir(dir).jdbcUrl(database.jdbcUrl()).database(db).start();
                 RawClient alice = RawClient.registered(first, "alice");
                 RawClient bob = RawClient.registered(first, "bob")) {
                assertThat(groups(alice)).isEmpty();
                first.stopKeepingData();
            }
            for (int restart = 0; restart < 2; restart++) {
                try (TestServer again = TestServer.builder().dataDir(dir).jdbcUrl(database.jdbcUrl()).database(db)
                        .set(GroupSettings.LOBBY_ENABLED, true).start();
                     RawClient alice = RawClient.connect(again)) {
                    alice.login("alice", "password-123");
                    List<GroupInfo> mine = groups(alice);
                    assertThat(mine).extracting(GroupInfo::getIsLobby).containsExactly(true);
                    assertThat(mine.get(0).getMemberCount()).isEqualTo(2);
                    again.stopKeepingData();
                }
            }
        } finally {
            database.close();
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
