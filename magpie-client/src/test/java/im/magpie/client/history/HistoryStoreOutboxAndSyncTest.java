package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.ALICE;
import static im.magpie.client.history.StoreTestSupport.BOB;
import static im.magpie.client.history.StoreTestSupport.GROUP;
import static im.magpie.client.history.StoreTestSupport.ME;
import static im.magpie.client.history.StoreTestSupport.fromAlice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.client.history.HistoryEvent.MessageReceived;
import im.magpie.client.history.HistoryEvent.MessageRecalled;
import im.magpie.client.history.HistoryEvent.ReceiptReceived;
import im.magpie.client.history.StoreTestSupport.ManualClock;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistoryStoreOutboxAndSyncTest {

  @TempDir Path dir;
  final ManualClock clock = new ManualClock(1_000_000);
  HistoryStore store;
  final PeerRef alice = PeerRef.user(ALICE);

  @BeforeEach
  void open() {
    store = HistoryStore.open(dir.resolve("history.db"), StoreTestSupport.options(clock));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void enqueued_messages_are_pending_in_order_until_acknowledged() {
    String first = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "first"));
    clock.advance(Duration.ofSeconds(1));
    String second = store.outbox().enqueue(OutgoingMessage.text(PeerRef.group(GROUP), ME, "second"));
    String third = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "third"));

    assertThat(first).isEqualTo("00000000-0000-0000-0000-000000000001");
    assertThat(store.outbox().pending()).extracting(OutboxEntry::clientMsgId)
        .containsExactly(first, second, third);
    OutboxEntry entry = store.outbox().pending().get(1);
    assertThat(entry.to()).isEqualTo(PeerRef.group(GROUP));
    assertThat(entry.text()).isEqualTo("second");
    assertThat(entry.enqueuedMs()).isEqualTo(1_001_000);
    assertThat(store.messageByClientMsgId(first).orElseThrow().status())
        .isEqualTo(MessageStatus.SENDING);

    assertThat(store.outbox().acknowledge(second, 501, 0, 2_000_000)).isTrue();

    assertThat(store.outbox().pending()).extracting(OutboxEntry::clientMsgId)
        .containsExactly(first, third);
    MessageRecord sent = store.messageByClientMsgId(second).orElseThrow();
    assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
    assertThat(sent.messageId()).isEqualTo(501);
    assertThat(sent.timeMs()).isEqualTo(2_000_000);

    store.outbox().acknowledge(first, 502, 0, 2_000_001);
    store.outbox().acknowledge(third, 503, 0, 2_000_002);
    assertThat(store.outbox().pending()).isEmpty();
  }

  @Test
  void an_acknowledgement_received_twice_changes_nothing_the_second_time() {
    String id = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "once"));

    assertThat(store.outbox().acknowledge(id, 9, 0, 2_000_000)).isTrue();
    assertThat(store.outbox().acknowledge(id, 9, 0, 2_000_000)).isTrue();

    assertThat(store.latestMessages(alice, 10).messages()).hasSize(1);
    assertThat(store.outbox().acknowledge("nobody", 10, 0, 1)).isFalse();
  }

  @Test
  void an_enqueued_message_shows_in_its_conversation_at_once() {
    store.outbox().enqueue(OutgoingMessage.text(alice, ME, "typed offline"));

    ConversationRecord conv = store.conversation(alice).orElseThrow();
    assertThat(conv.lastPreview()).isEqualTo("typed offline");
    assertThat(conv.unreadCount()).isZero();
    assertThat(store.latestMessages(alice, 1).messages().get(0).outgoing()).isTrue();
  }

  @Test
  void a_refused_message_fails_leaves_the_outbox_and_can_be_retried_at_the_end() {
    String a = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "a"));
    String b = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "b"));
    store.outbox().recordSendAttempt(a);
    store.outbox().recordSendAttempt(a);
    assertThat(store.outbox().pending().get(0).attempts()).isEqualTo(2);

    assertThat(store.outbox().markFailed(a)).isTrue();
    assertThat(store.messageByClientMsgId(a).orElseThrow().status())
        .isEqualTo(MessageStatus.FAILED);
    assertThat(store.outbox().pending()).extracting(OutboxEntry::clientMsgId).containsExactly(b);

    assertThat(store.outbox().retryFailed(a)).isTrue();
    assertThat(store.outbox().retryFailed(a)).isFalse();
    assertThat(store.outbox().pending()).extracting(OutboxEntry::clientMsgId).containsExactly(b, a);
    assertThat(store.outbox().pending().get(1).attempts()).isZero();
  }

  @Test
  void the_outbox_survives_closing_and_reopening() {
    String id = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "persist me"));
    store.close();

    store = HistoryStore.open(dir.resolve("history.db"), StoreTestSupport.options(clock));

    assertThat(store.outbox().pending()).extracting(OutboxEntry::clientMsgId).containsExactly(id);
  }

  @Test
  void the_last_synced_sequence_never_goes_backwards() {
    assertThat(store.lastSeq()).isZero();

    assertThat(store.advanceSeq(10)).isEqualTo(10);
    assertThat(store.advanceSeq(7)).isEqualTo(10);
    store.applySyncedEvents(List.of(), 5);

    assertThat(store.lastSeq()).isEqualTo(10);
    assertThatThrownBy(() -> store.advanceSeq(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void synced_events_are_stored_with_their_sequence_and_duplicates_are_skipped() {
    List<MessageRecord> added = store.applySyncedEvents(List.of(
        new MessageReceived(fromAlice(10, 5_000, "one")),
        new MessageReceived(fromAlice(11, 5_001, "two"))), 4);
    List<MessageRecord> again = store.applySyncedEvents(List.of(
        new MessageReceived(fromAlice(11, 5_001, "two")),
        new MessageReceived(fromAlice(12, 5_002, "three"))), 6);

    assertThat(added).extracting(MessageRecord::text).containsExactly("one", "two");
    assertThat(again).extracting(MessageRecord::text).containsExactly("three");
    assertThat(store.lastSeq()).isEqualTo(6);
    assertThat(store.latestMessages(alice, 10).messages()).hasSize(3);
  }

  @Test
  void a_sync_batch_that_fails_stores_neither_its_events_nor_its_sequence() throws Exception {
    store.advanceSeq(3);
    limitDatabaseToCurrentSize();

    assertThatThrownBy(() -> store.applySyncedEvents(List.of(
            new MessageReceived(fromAlice(10, 5_000, "small")),
            new MessageReceived(fromAlice(11, 5_001, "big ".repeat(100_000)))), 9))
        .isInstanceOfSatisfying(HistoryStoreException.class,
            e -> assertThat(e.kind()).isEqualTo(HistoryStoreException.Kind.DISK_FULL));

    assertThat(store.lastSeq()).isEqualTo(3);
    assertThat(store.messageById(10)).isEmpty();
  }

  @Test
  void synced_receipts_and_recalls_are_applied() {
    String mine = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "mine"));
    store.outbox().acknowledge(mine, 20, 0, 2_000_000);
    store.insertIncoming(fromAlice(21, 2_000_001, "theirs"));
    store.insertIncoming(fromAlice(22, 2_000_002, "regret"));

    store.applySyncedEvents(List.of(
        new ReceiptReceived(alice, ReceiptKind.READ, 20, false),
        new ReceiptReceived(alice, ReceiptKind.READ, 21, true),
        new MessageRecalled(22)), 30);

    assertThat(store.messageById(20).orElseThrow().status()).isEqualTo(MessageStatus.READ);
    assertThat(store.messageById(21).orElseThrow().status()).isEqualTo(MessageStatus.READ);
    assertThat(store.messageById(22).orElseThrow().recalled()).isTrue();
    assertThat(store.conversation(alice).orElseThrow().unreadCount()).isZero();
  }

  @Test
  void an_acknowledgement_right_after_the_last_synced_sequence_advances_it() {
    store.advanceSeq(5);
    String a = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "a"));
    String b = store.outbox().enqueue(OutgoingMessage.text(alice, ME, "b"));

    store.outbox().acknowledge(a, 100, 6, 2_000_000);
    store.outbox().acknowledge(b, 101, 9, 2_000_001);

    assertThat(store.lastSeq()).as("7 and 8 may hold events not yet synced").isEqualTo(6);
  }

  @Test
  void the_store_can_be_used_from_several_threads_at_once() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long peer = 10 + t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            store.outbox().enqueue(OutgoingMessage.text(PeerRef.user(peer), ME, "m" + i));
            store.insertIncoming(IncomingMessage.text(peer * 1000 + i, null, PeerRef.user(peer),
                peer, i, "in" + i));
            store.conversations(10);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.outbox().pending()).hasSize(200);
    assertThat(store.conversations(10)).hasSize(4)
        .allSatisfy(c -> assertThat(c.unreadCount()).isEqualTo(50));
    assertThat(store.conversation(PeerRef.user(BOB))).isEmpty();
  }

  private void limitDatabaseToCurrentSize() {
    store.database().read(c -> {
      try (Statement s = c.createStatement()) {
        long pages;
        try (var rs = s.executeQuery("PRAGMA page_count")) {
          rs.next();
          pages = rs.getLong(1);
        }
        s.execute("PRAGMA max_page_count = " + (pages + 2));
      }
      return null;
    }, "test: limit size");
  }
}
