package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message received over a direct channel (no server id) and its server copy synced later are one message. */
class DirectMessageMergeTest {
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

  @Test
  void the_server_copy_of_a_direct_message_lends_it_its_id_and_is_not_stored_again() {
    PeerRef alice = PeerRef.user(ALICE);
    assertThat(store.insertIncoming(IncomingMessage.text(0, "c-1", alice, ALICE, 5_000, "direct"))).isPresent();

    assertThat(store.insertIncoming(IncomingMessage.text(42, "c-1", alice, ALICE, 5_100, "direct"))).isEmpty();

    assertThat(store.latestMessages(alice, 10).messages()).singleElement().satisfies(m -> {
      assertThat(m.messageId()).isEqualTo(42);
      assertThat(m.text()).isEqualTo("direct");
      assertThat(m.outgoing()).isFalse();
      assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED);
    });
    assertThat(store.messageById(42)).isPresent();
  }

  @Test
  void the_same_client_id_from_another_sender_is_another_message() {
    PeerRef alice = PeerRef.user(ALICE);
    store.insertIncoming(IncomingMessage.text(0, "c-1", alice, ALICE, 5_000, "from alice"));
    PeerRef bob = PeerRef.user(StoreTestSupport.BOB);
    assertThat(store.insertIncoming(IncomingMessage.text(43, "c-1", bob, StoreTestSupport.BOB, 5_100, "from bob"))).isPresent();
    assertThat(store.latestMessages(alice, 10).messages()).singleElement().extracting(MessageRecord::messageId).isEqualTo(0L);
  }
}
