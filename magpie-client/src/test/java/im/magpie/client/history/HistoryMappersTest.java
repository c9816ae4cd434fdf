package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.ALICE;
import static im.magpie.client.history.StoreTestSupport.ME;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.internal.HistoryMappers;
import im.magpie.protocol.proto.Category;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Friend;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.FriendRemoved;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.GroupRole;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.Recall;
import im.magpie.protocol.proto.Receipt;
import im.magpie.protocol.proto.Text;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistoryMappersTest {

  static ChatMessage chat(long sender, Peer to, String text) {
    return ChatMessage.newBuilder().setMessageId(7).setClientMsgId("c7").setSenderId(sender)
        .setTo(to).setTimeMs(1234)
        .setContent(Content.newBuilder().setText(Text.newBuilder().setText(text))
            .setReplyToMessageId(5))
        .setMentionsMe(true).build();
  }

  @Test
  void a_message_to_me_is_filed_under_its_sender() {
    IncomingMessage m = HistoryMappers.toIncoming(
        chat(ALICE, Peer.newBuilder().setUserId(ME).build(), "hi"), ME);

    assertThat(m.peer()).isEqualTo(PeerRef.user(ALICE));
    assertThat(m.outgoing()).isFalse();
    assertThat(m).extracting(IncomingMessage::messageId, IncomingMessage::clientMsgId,
            IncomingMessage::timeMs, IncomingMessage::text, IncomingMessage::replyToMessageId,
            IncomingMessage::mentionsMe)
        .containsExactly(7L, "c7", 1234L, "hi", 5L, true);
  }

  @Test
  void a_message_i_sent_from_another_device_is_filed_under_its_recipient() {
    IncomingMessage m = HistoryMappers.toIncoming(
        chat(ME, Peer.newBuilder().setUserId(ALICE).build(), "hi"), ME);

    assertThat(m.peer()).isEqualTo(PeerRef.user(ALICE));
    assertThat(m.outgoing()).isTrue();
  }

  @Test
  void a_group_message_is_filed_under_the_group() {
    IncomingMessage m = HistoryMappers.toIncoming(
        chat(ALICE, Peer.newBuilder().setGroupId(100).build(), "hi all"), ME);

    assertThat(m.peer()).isEqualTo(PeerRef.group(100));
  }

  @Test
  void a_recalled_message_has_no_text() {
    ChatMessage recalled = ChatMessage.newBuilder().setMessageId(8).setSenderId(ALICE)
        .setTo(Peer.newBuilder().setUserId(ME)).setRecalled(true).build();

    IncomingMessage m = HistoryMappers.toIncoming(recalled, ME);

    assertThat(m.recalled()).isTrue();
    assertThat(m.text()).isNull();
    assertThat(m.clientMsgId()).isNull();
  }

  @Test
  void inbox_events_become_history_events_and_others_are_skipped() {
    List<InboxEvent> events = List.of(
        InboxEvent.newBuilder().setSeq(1)
            .setMessage(chat(ALICE, Peer.newBuilder().setUserId(ME).build(), "x")).build(),
        InboxEvent.newBuilder().setSeq(2).setReceipt(Receipt.newBuilder().setReaderId(ALICE)
            .setPeer(Peer.newBuilder().setUserId(ALICE))
            .setKind(im.magpie.protocol.proto.ReceiptKind.READ).setUpToMessageId(9)).build(),
        InboxEvent.newBuilder().setSeq(3).setRecall(Recall.newBuilder().setMessageId(7)).build(),
        InboxEvent.newBuilder().setSeq(4)
            .setFriendRemoved(FriendRemoved.newBuilder().setUserId(ALICE)).build());

    List<HistoryEvent> mapped = HistoryMappers.toHistoryEvents(events, ME);

    assertThat(mapped).hasSize(3);
    assertThat(mapped.get(0)).isInstanceOf(HistoryEvent.MessageReceived.class);
    assertThat(mapped.get(1)).isEqualTo(
        new HistoryEvent.ReceiptReceived(PeerRef.user(ALICE), ReceiptKind.READ, 9, false));
    assertThat(mapped.get(2)).isEqualTo(new HistoryEvent.MessageRecalled(7));
  }

  @Test
  void a_friend_list_becomes_contacts_with_category_names() {
    FriendList list = FriendList.newBuilder()
        .addCategories(Category.newBuilder().setCategoryId(3).setName("同学"))
        .addFriends(Friend.newBuilder().setRemark("小王").setCategoryId(3)
            .setProfile(Profile.newBuilder().setUserId(ALICE).setUsername("alice")
                .setNickname("Alice").setPresence(PresenceStatus.AWAY).setSignature("hi")))
        .build();

    List<ContactRecord> contacts = HistoryMappers.toContacts(list);

    assertThat(contacts).containsExactly(new ContactRecord(ALICE, "alice", "Alice", "小王", "",
        "hi", Presence.AWAY, 3, "同学"));
    assertThat(contacts.get(0).displayName()).isEqualTo("小王");
  }

  @Test
  void group_info_becomes_a_group_record() {
    GroupRecord g = HistoryMappers.toGroup(GroupInfo.newBuilder().setGroupId(100)
        .setName("Family").setMemberCount(4).setMyRole(GroupRole.ADMIN).build());

    assertThat(g).isEqualTo(new GroupRecord(100, "Family", 4, MemberRole.ADMIN));
  }
}
