package im.magpie.server.social;

import static im.magpie.server.social.SocialTestSupport.assertError;
import static im.magpie.server.social.SocialTestSupport.awaitPush;
import static im.magpie.server.social.SocialTestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.AnswerGroupInvitation;
import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetAvatarRequest;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.SetAvatarRequest;
import im.magpie.protocol.proto.SetStatusRequest;
import im.magpie.protocol.proto.WatchMembersRequest;
import im.magpie.server.group.GroupSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Fellow group members (not friends) see each other's chosen status and avatars. */
class SocialInGroupsIT {

    private static Predicate<Frame> memberPresence(long userId, PresenceStatus status) {
        return f -> f.hasMemberPresence() && f.getMemberPresence().getUserId() == userId
                && f.getMemberPresence().getPresence() == status;
    }

    @Test
    void fellow_members_see_status_changes_and_avatars_and_strangers_do_not() {
        try (TestServer server = TestServer.builder().set(GroupSettings.LOBBY_ENABLED, false).start();
             RawClient dave = RawClient.registered(server, "dave");
             RawClient carol = RawClient.registered(server, "carol")) {
            long d = id(dave);
            String hash = dave.request(Frame.newBuilder().setSetAvatar(SetAvatarRequest.newBuilder()
                    .setImage(ByteString.copyFrom(AvatarIT.image("png", 64, 64))))).getProfile().getAvatarHash();
            Frame.Builder getAvatar = Frame.newBuilder().setGetAvatar(GetAvatarRequest.newBuilder().setAvatarHash(hash));
            assertError(carol.request(getAvatar.clone()), ErrorCode.NOT_FOUND);

            long groupId = dave.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("Qixi").setJoinPolicy(JoinPolicy.INVITE_ONLY).addInviteUserIds(id(carol)))).getGroupInfo().getGroupId();
            Frame joined = carol.request(Frame.newBuilder().setAnswerGroupInvitation(
                    AnswerGroupInvitation.newBuilder().setGroupId(groupId).setAccept(true)));
            assertThat(joined.hasError()).as(joined.toString()).isFalse();
            assertThat(carol.request(getAvatar.clone()).hasAvatar()).as("a fellow member sees the avatar").isTrue();

            Frame list = carol.request(Frame.newBuilder().setWatchMembers(WatchMembersRequest.newBuilder().setGroupId(groupId).setWatch(true)));
            assertThat(list.hasMemberList()).as(list.toString()).isTrue();
            dave.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.AWAY)));
            assertThat(awaitPush(carol, memberPresence(d, PresenceStatus.AWAY), Duration.ofSeconds(1))).isPresent();
            dave.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.INVISIBLE)));
            assertThat(awaitPush(carol, memberPresence(d, PresenceStatus.OFFLINE), Duration.ofSeconds(1)))
                    .as("invisible looks offline to members too").isPresent();
            Frame again = carol.request(Frame.newBuilder().setWatchMembers(WatchMembersRequest.newBuilder().setGroupId(groupId).setWatch(true)));
            assertThat(again.getMemberList().getMembersList()).filteredOn(m -> m.getProfile().getUserId() == d)
                    .singleElement().satisfies(m -> assertThat(m.getProfile().getPresence()).isEqualTo(PresenceStatus.OFFLINE));
        }
    }
}
