package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.fromAlice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notices and synced messages wait unseen until a front end marks them: never missed, shown once. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NoticeBoxTest {

  @TempDir Path dir;
  HistoryStore store;

  @BeforeEach
  void open() {
    store = StoreTestSupport.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static NoticeRecord notice(long seq) {
    return new NoticeRecord(seq, 1_000 + seq, "FRIEND_REQUEST", new byte[] {(byte) seq}, false);
  }

  private static List<Long> seqs(List<NoticeRecord> notices) {
    return notices.stream().map(NoticeRecord::seq).toList();
  }

  @Test
  void synced_notices_and_messages_wait_unseen_with_the_sequence_that_covers_them() {
    List<MessageRecord> added = store.applySyncedEvents(
        List.of(new HistoryEvent.MessageReceived(fromAlice(70, 1_005, "hi"))), List.of(notice(4), notice(6)), 6);

    assertThat(store.lastSeq()).isEqualTo(6);
    assertThat(seqs(store.notices().unseen(10))).containsExactly(4L, 6L);
    assertThat(store.notices().unseen(10).get(0).payload()).containsExactly(4);
    assertThat(store.notices().unseenMessages(10)).extracting(MessageRecord::localId)
        .containsExactly(added.get(0).localId());
  }

  @Test
  void what_is_marked_seen_is_not_unseen_again_and_the_rest_still_is() {
    List<MessageRecord> added = store.applySyncedEvents(
        List.of(new HistoryEvent.MessageReceived(fromAlice(70, 1_005, "hi"))), List.of(notice(4), notice(6)), 6);

    assertThat(store.notices().markSeen(List.of(4L), List.of(added.get(0).localId()))).isEqualTo(2);
    assertThat(store.notices().markSeen(List.of(4L), List.of(added.get(0).localId()))).isZero();

    assertThat(seqs(store.notices().unseen(10))).containsExactly(6L);
    assertThat(store.notices().unseenMessages(10)).isEmpty();
  }

  @Test
  void a_notice_synced_twice_is_kept_once_and_stays_seen() {
    store.applySyncedEvents(List.of(), List.of(notice(4)), 4);
    store.notices().markSeen(List.of(4L), List.of());
    store.applySyncedEvents(List.of(), List.of(notice(4)), 4);

    assertThat(store.notices().unseen(10)).isEmpty();
  }

  @Test
  void messages_not_from_the_inbox_are_not_waiting_to_be_shown() {
    store.insertIncoming(fromAlice(71, 1_000, "from a direct channel or backfill"));
    store.outbox().enqueue(OutgoingMessage.text(PeerRef.user(StoreTestSupport.ALICE), StoreTestSupport.ME, "mine"));

    assertThat(store.notices().unseenMessages(10)).isEmpty();
  }

  @Test
  void past_the_bound_seen_notices_go_first() {
    List<NoticeRecord> many = new ArrayList<>();
    for (long seq = 1; seq <= NoticeBox.MAX_KEPT; seq++) {
      many.add(notice(seq));
    }
    store.applySyncedEvents(List.of(), many, NoticeBox.MAX_KEPT);
    store.notices().markSeen(List.of(5L), List.of());

    store.applySyncedEvents(List.of(), List.of(notice(NoticeBox.MAX_KEPT + 1)), NoticeBox.MAX_KEPT + 1);

    List<NoticeRecord> first = store.notices().unseen(3);
    assertThat(seqs(first)).containsExactly(1L, 2L, 3L); // the seen one made room, no unseen one was lost
  }
}
