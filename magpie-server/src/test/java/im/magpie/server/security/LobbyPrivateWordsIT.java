package im.magpie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.ListGroupsRequest;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.server.group.GroupSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 11: in the big open lobby, membership alone does not let a stranger message
 * anyone privately (group-lobby-private-words, off by default); an operator may turn it on, and
 * the setting applies to a lobby that already exists.
 */
class LobbyPrivateWordsIT {

    private static long id(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    private static GroupInfo lobby(RawClient c) {
        return c.request(Frame.newBuilder().setListGroups(ListGroupsRequest.getDefaultInstance()))
                .getGroupList().getGroupsList().stream().filter(GroupInfo::getIsLobby).findFirst().orElseThrow();
    }

    private static Frame privateWord(RawClient from, long toUserId, long viaGroupId) {
        return from.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                .setClientMsgId(UUID.randomUUID().toString()).setTo(Peer.newBuilder().setUserId(toUserId))
                .setViaGroupId(viaGroupId).setContent(Content.newBuilder().setText(Text.newBuilder().setText("hi")))));
    }

    @Test
    void strangers_in_the_default_lobby_cannot_send_each_other_private_words() {
        try (TestServer server = TestServer.builder().set(GroupSettings.LOBBY_ENABLED, true).start();
             RawClient spammer = RawClient.registered(server, "spammer");
             RawClient victim = RawClient.registered(server, "victim")) {
            GroupInfo lobby = lobby(spammer);
            assertThat(lobby.getPrivateChatAllowed()).isFalse();
            Frame refused = privateWord(spammer, id(victim), lobby.getGroupId());
            assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void an_operator_can_allow_them_and_the_setting_applies_to_the_existing_lobby() throws Exception {
        Path dir = Files.createTempDirectory("magpie-lobby-words-");
        try {
            try (TestServer first = TestServer.builder().dataDir(dir).set(GroupSettings.LOBBY_ENABLED, true).start()) {
                RawClient.registered(first, "alice").close();
                RawClient.registered(first, "bob").close();
            }
            try (TestServer again = TestServer.builder().dataDir(dir).set(GroupSettings.LOBBY_ENABLED, true)
                    .set(GroupSettings.LOBBY_PRIVATE_WORDS, true).start();
                 RawClient alice = RawClient.connect(again);
                 RawClient bob = RawClient.connect(again)) {
                assertThat(alice.login("alice", "password-123").hasLoginOk()).isTrue();
                assertThat(bob.login("bob", "password-123").hasLoginOk()).isTrue();
                GroupInfo lobby = lobby(alice);
                assertThat(lobby.getPrivateChatAllowed()).isTrue();
                assertThat(privateWord(alice, id(bob), lobby.getGroupId()).hasSendAck()).isTrue();
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
