package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.internal.Groups;
import im.magpie.client.internal.MagpieClient;
import im.magpie.client.internal.WireErrors;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupRole;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.MemberList;
import im.magpie.protocol.proto.UpdateGroupRequest;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Groups} facade against the real server. */
class GroupsIT {
    private static TestServer server;

    @TempDir
    Path profile;

    private RegisteredClients clients;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void clients() {
        clients = new RegisteredClients(server, profile);
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }


    private static long id(MagpieClient c) {
        return c.session().orElseThrow().getSelf().getUserId();
    }

    private static ErrorCode failure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return WireErrors.code(MagpieClientException.unwrap(e).orElseThrow(() -> e));
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void a_group_is_created_joined_managed_and_dissolved_through_the_facade() {
        MagpieClient alice = clients.register("group");
        MagpieClient bob = clients.register("group");
        GroupInfo g = alice.groups().create("周末 hikers", "", JoinPolicy.INVITE_ONLY, true, List.of(id(bob))).join();
        assertThat(g.getMyRole()).isEqualTo(GroupRole.OWNER);
        long gid = g.getGroupId();

        assertThat(bob.groups().acceptInvitation(gid).join().getMemberCount()).isEqualTo(2);
        assertThat(bob.groups().list().join()).extracting(GroupInfo::getGroupId).containsExactly(gid);
        MemberList members = alice.groups().members(gid).join();
        assertThat(members.getMembersCount()).isEqualTo(2);
        assertThat(members.getOnlineCount()).isEqualTo(2);
        assertThat(failure(() -> bob.groups().dissolve(gid).join())).isEqualTo(ErrorCode.FORBIDDEN);
        alice.groups().setAdmin(gid, id(bob), true).join();
        assertThat(bob.groups().update(UpdateGroupRequest.newBuilder().setGroupId(gid).setName("renamed").build())
                .join().getName()).isEqualTo("renamed");
        assertThat(failure(() -> alice.groups().leave(gid).join())).isEqualTo(ErrorCode.CONFLICT);
        alice.groups().transferOwnership(gid, id(bob)).join();
        alice.groups().leave(gid).join();
        assertThat(bob.groups().get(gid).join().getMemberCount()).isEqualTo(1);
        bob.groups().dissolve(gid).join();
        assertThat(failure(() -> bob.groups().get(gid).join())).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void open_groups_are_joined_at_once_and_approval_groups_by_request() {
        MagpieClient alice = clients.register("group");
        MagpieClient bob = clients.register("group");
        long open = alice.groups().create("open", "", JoinPolicy.OPEN, true, List.of()).join().getGroupId();
        assertThat(bob.groups().join(open, "").join().getMyRole()).isEqualTo(GroupRole.MEMBER);
        long approval = alice.groups().create("approval", "", JoinPolicy.APPROVAL, true, List.of()).join().getGroupId();
        assertThat(bob.groups().join(approval, "hi").join().getMyRole()).isEqualTo(GroupRole.GROUP_ROLE_UNSPECIFIED);
        alice.groups().answerJoinRequest(approval, id(bob), true).join();
        assertThat(bob.groups().get(approval).join().getMyRole()).isEqualTo(GroupRole.MEMBER);
        assertThat(bob.groups().watchMembers(approval).join().getMembersCount()).isEqualTo(2);
        bob.groups().unwatchMembers(approval).join();
        alice.groups().remove(approval, id(bob)).join();
        assertThat(bob.groups().list().join()).extracting(GroupInfo::getGroupId).containsExactly(open);
    }
}
