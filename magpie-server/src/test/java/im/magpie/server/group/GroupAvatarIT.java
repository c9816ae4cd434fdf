package im.magpie.server.group;

import static im.magpie.server.group.GroupTestSupport.awaitNotice;
import static im.magpie.server.group.GroupTestSupport.error;
import static im.magpie.server.group.GroupTestSupport.groupOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetAvatarRequest;
import im.magpie.protocol.proto.GetGroupRequest;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupNoticeKind;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.UpdateGroupRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A group's avatar: checked like a user's, set by admins, shown to those who may see the group. */
class GroupAvatarIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static byte[] png(int size, Color color) throws Exception {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, size, size);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static Frame setAvatar(RawClient c, long groupId, byte[] image) {
        return c.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder()
                .setGroupId(groupId).setAvatar(ByteString.copyFrom(image))));
    }

    private static Frame fetch(RawClient c, String hash) {
        return c.request(Frame.newBuilder().setGetAvatar(GetAvatarRequest.newBuilder().setAvatarHash(hash)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_admin_sets_the_avatar_members_are_told_and_only_those_who_may_see_the_group_get_the_picture(TestDatabase db)
            throws Exception {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient owner = RawClient.registered(server, "owner");
             RawClient member = RawClient.registered(server, "member");
             RawClient stranger = RawClient.registered(server, "stranger")) {
            GroupInfo g = groupOf(owner, "私密小组", JoinPolicy.INVITE_ONLY, member);

            Frame bad = setAvatar(owner, g.getGroupId(), "not a picture".getBytes());
            assertThat(error(bad)).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(setAvatar(member, g.getGroupId(), png(64, Color.RED)))).isEqualTo(ErrorCode.FORBIDDEN);

            Frame set = setAvatar(owner, g.getGroupId(), png(300, Color.GREEN));
            assertThat(set.hasGroupInfo()).as(set.toString()).isTrue();
            String hash = set.getGroupInfo().getAvatarHash();
            assertThat(hash).hasSize(64);
            assertThat(awaitNotice(member, g.getGroupId(), GroupNoticeKind.GROUP_UPDATED)).isNotNull();
            assertThat(member.request(Frame.newBuilder().setGetGroup(GetGroupRequest.newBuilder().setGroupId(g.getGroupId())))
                    .getGroupInfo().getAvatarHash()).isEqualTo(hash);

            Frame picture = fetch(member, hash);
            assertThat(picture.hasAvatar()).as(picture.toString()).isTrue();
            assertThat(ImageIO.read(picture.getAvatar().getImage().newInput()).getWidth()).isEqualTo(128);
            assertThat(error(fetch(stranger, hash))).as("a private group's picture").isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_group_can_be_created_with_an_avatar_and_a_bad_one_creates_nothing(TestDatabase db) throws Exception {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient owner = RawClient.registered(server, "owner");
             RawClient stranger = RawClient.registered(server, "stranger")) {
            Frame refused = owner.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("Broken").setJoinPolicy(JoinPolicy.OPEN).setAvatar(ByteString.copyFromUtf8("GIF89a..."))));
            assertThat(error(refused)).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(owner.request(Frame.newBuilder().setListGroups(im.magpie.protocol.proto.ListGroupsRequest.getDefaultInstance()))
                    .getGroupList().getGroupsList()).isEmpty();

            Frame created = owner.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("Open room").setJoinPolicy(JoinPolicy.OPEN).setAvatar(ByteString.copyFrom(png(200, Color.BLUE)))));
            String hash = created.getGroupInfo().getAvatarHash();
            assertThat(hash).hasSize(64);
            assertThat(fetch(stranger, hash).hasAvatar()).as("an open group's picture is public").isTrue();
        }
    }
}
