package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.ALICE;
import static im.magpie.client.history.StoreTestSupport.BOB;
import static im.magpie.client.history.StoreTestSupport.ME;
import static im.magpie.client.history.StoreTestSupport.fromAlice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistoryStoreMessagesTest {

  @TempDir Path dir;
  HistoryStore store;
  final PeerRef alice = PeerRef.user(ALICE);

  @BeforeEach
  void open() {
    store = StoreTestSupport.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void a_message_synced_twice_is_stored_once() {
    assertThat(store.insertIncoming(fromAlice(10, 5_000, "hello"))).isPresent();
    assertThat(store.insertIncoming(fromAlice(10, 5_000, "hello"))).isEmpty();

    assertThat(store.latestMessages(alice, 10).messages()).hasSize(1);
    assertThat(store.conversation(alice).orElseThrow().unreadCount()).isEqualTo(1);
  }

  @Test
  void a_message_with_a_known_client_id_from_the_same_sender_is_not_stored_again() {
    store.insertIncoming(IncomingMessage.text(0, "p2p-1", alice, ALICE, 5_000, "direct"));

    assertThat(store.insertIncoming(IncomingMessage.text(11, "p2p-1", alice, ALICE, 5_001,
        "direct"))).isEmpty();

    assertThat(store.latestMessages(alice, 10).messages()).hasSize(1);
  }

  @Test
  void a_client_id_reused_by_another_sender_does_not_hide_the_message() {
    store.insertIncoming(IncomingMessage.text(10, "same", alice, ALICE, 5_000, "from alice"));

    var bobs = store.insertIncoming(
        IncomingMessage.text(11, "same", PeerRef.user(BOB), BOB, 5_001, "from bob"));

    assertThat(bobs).isPresent();
    assertThat(bobs.get().clientMsgId()).isNull();
    assertThat(store.messageById(10).orElseThrow().text()).isEqualTo("from alice");
  }

  @Test
  void an_own_message_synced_back_gets_its_server_id_instead_of_a_second_row() {
    String id = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "hi alice"));

    var again = store.insertIncoming(new IncomingMessage(77, id, alice, ME, true, 9_000,
        "hi alice", 0, false, false));

    assertThat(again).isEmpty();
    MessageRecord m = store.messageByClientMsgId(id).orElseThrow();
    assertThat(m.messageId()).isEqualTo(77);
    assertThat(m.status()).isEqualTo(MessageStatus.SENT);
    assertThat(store.outbox().pending()).isEmpty();
  }

  @Test
  void mark_sent_sets_server_id_and_time_and_is_idempotent() {
    String id = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "hi"));

    assertThat(store.markSent(id, 50, 2_000_000)).isTrue();
    assertThat(store.markSent(id, 50, 2_000_000)).isTrue();
    assertThat(store.markSent(id, 51, 2_000_000)).isFalse();

    MessageRecord m = store.messageByClientMsgId(id).orElseThrow();
    assertThat(m.messageId()).isEqualTo(50);
    assertThat(m.timeMs()).isEqualTo(2_000_000);
    assertThat(m.status()).isEqualTo(MessageStatus.SENT);
    assertThat(store.markSent("unknown", 52, 1)).isFalse();
  }

  @Test
  void receipts_move_own_messages_forward_up_to_the_given_id_and_never_back() {
    String a = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "one"));
    String b = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "two"));
    String c = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "three"));
    store.outbox().acknowledge(a, 10, 0, 1_000_001);
    store.outbox().acknowledge(b, 11, 0, 1_000_002);

    assertThat(store.applyReceipt(alice, ReceiptKind.READ, 10)).isEqualTo(1);
    assertThat(store.applyReceipt(alice, ReceiptKind.DELIVERED, 11)).isEqualTo(1);

    assertThat(store.messageById(10).orElseThrow().status()).isEqualTo(MessageStatus.READ);
    assertThat(store.messageById(11).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
    assertThat(store.messageByClientMsgId(c).orElseThrow().status())
        .isEqualTo(MessageStatus.SENDING);
  }

  @Test
  void unread_counts_follow_arrivals_reads_and_recalls() {
    store.insertIncoming(fromAlice(10, 5_000, "one"));
    store.insertIncoming(fromAlice(11, 5_001, "two"));
    store.insertIncoming(fromAlice(12, 5_002, "three"));
    store.outbox().enqueue(OutgoingMessage.text(alice, ME, "mine does not count"));
    assertThat(store.conversation(alice).orElseThrow().unreadCount()).isEqualTo(3);

    store.markRead(alice, 11);
    ConversationRecord afterRead = store.conversation(alice).orElseThrow();
    assertThat(afterRead.unreadCount()).isEqualTo(1);
    assertThat(afterRead.lastReadMessageId()).isEqualTo(11);

    store.recall(12);
    assertThat(store.conversation(alice).orElseThrow().unreadCount()).isZero();

    store.insertIncoming(fromAlice(9, 4_000, "late, but older than what was read"));
    assertThat(store.conversation(alice).orElseThrow().unreadCount()).isZero();

    store.insertIncoming(fromAlice(13, 6_000, "new"));
    assertThat(store.markAllRead(alice)).isEqualTo(13);
    assertThat(store.conversation(alice).orElseThrow().unreadCount()).isZero();
  }

  @Test
  void a_recalled_message_loses_its_text_and_is_flagged() {
    store.insertIncoming(fromAlice(10, 5_000, "oops"));

    assertThat(store.recall(10)).isTrue();
    assertThat(store.recall(999)).isFalse();

    MessageRecord m = store.messageById(10).orElseThrow();
    assertThat(m.recalled()).isTrue();
    assertThat(m.text()).isNull();
    assertThat(m.status()).isEqualTo(MessageStatus.RECALLED);
    ConversationRecord conv = store.conversation(alice).orElseThrow();
    assertThat(conv.lastMessageRecalled()).isTrue();
    assertThat(conv.lastPreview()).isNull();
  }

  @Test
  void history_pages_go_from_newest_to_oldest_without_gaps_or_repeats() {
    for (int i = 1; i <= 25; i++) {
      store.insertIncoming(fromAlice(i, 1_000 + i, "m" + i));
    }
    store.insertIncoming(StoreTestSupport.inGroup(1000, BOB, 9_999, "other conversation"));

    MessagePage first = store.latestMessages(alice, 10);
    MessagePage second = store.messagesBefore(alice, last(first.messages()).localId(), 10);
    MessagePage third = store.messagesBefore(alice, last(second.messages()).localId(), 10);

    assertThat(first.messages()).extracting(MessageRecord::text)
        .containsExactly("m25", "m24", "m23", "m22", "m21", "m20", "m19", "m18", "m17", "m16");
    assertThat(first.hasMore()).isTrue();
    assertThat(second.messages().get(0).text()).isEqualTo("m15");
    assertThat(third.messages()).extracting(MessageRecord::messageId)
        .containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(third.hasMore()).isFalse();
    assertThat(store.messagesBeforeMessageId(alice, 16, 3).messages())
        .extracting(MessageRecord::messageId).containsExactly(15L, 14L, 13L);
    assertThat(store.messagesBeforeMessageId(alice, 0, 1).messages())
        .extracting(MessageRecord::messageId).containsExactly(25L);
    assertThat(store.messagesBeforeMessageId(alice, 1000, 5).messages())
        .as("a message of another conversation is no cursor here").isEmpty();
  }

  @Test
  void messages_with_the_same_time_are_paged_by_row_id() {
    for (int i = 1; i <= 5; i++) {
      store.insertIncoming(fromAlice(i, 1_000, "m" + i));
    }

    MessagePage first = store.latestMessages(alice, 2);
    MessagePage rest = store.messagesBefore(alice, last(first.messages()).localId(), 10);

    assertThat(first.messages()).extracting(MessageRecord::text).containsExactly("m5", "m4");
    assertThat(rest.messages()).extracting(MessageRecord::text).containsExactly("m3", "m2", "m1");
  }

  @Test
  void an_unknown_conversation_has_an_empty_history() {
    assertThat(store.latestMessages(PeerRef.user(BOB), 10).messages()).isEmpty();
    assertThat(store.markRead(PeerRef.user(BOB), 10)).isFalse();
  }

  @Test
  void page_limits_are_checked() {
    assertThatThrownBy(() -> store.latestMessages(alice, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.latestMessages(alice, HistoryStore.MAX_PAGE_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_conversation_list_is_ordered_by_last_activity_with_a_preview() {
    store.insertIncoming(fromAlice(10, 5_000, "from alice"));
    store.insertIncoming(StoreTestSupport.inGroup(11, BOB, 7_000, "group chat"));
    store.insertIncoming(IncomingMessage.text(12, "b", PeerRef.user(BOB), BOB, 6_000, "bob"));

    List<ConversationRecord> list = store.conversations(10);

    assertThat(list).extracting(ConversationRecord::peer).containsExactly(
        PeerRef.group(StoreTestSupport.GROUP), PeerRef.user(BOB), alice);
    assertThat(list.get(0).lastPreview()).isEqualTo("group chat");
    assertThat(list.get(0).lastActivityMs()).isEqualTo(7_000);

    store.insertIncoming(fromAlice(13, 8_000, "x".repeat(200)));
    ConversationRecord top = store.conversations(1).get(0);
    assertThat(top.peer()).isEqualTo(alice);
    assertThat(top.lastPreview()).hasSize(ConversationRecord.PREVIEW_CHARS);
  }

  private static MessageRecord last(List<MessageRecord> list) {
    return list.get(list.size() - 1);
  }
}
