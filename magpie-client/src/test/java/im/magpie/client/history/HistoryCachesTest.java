package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.ALICE;
import static im.magpie.client.history.StoreTestSupport.BOB;
import static im.magpie.client.history.StoreTestSupport.GROUP;
import static im.magpie.client.history.StoreTestSupport.fromAlice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistoryCachesTest {

  @TempDir Path dir;
  HistoryStore store;

  final ContactRecord alice = new ContactRecord(ALICE, "alice", "Alice", "", "ab12", "hi",
      Presence.ONLINE, 1, "Friends");
  final ContactRecord bob = new ContactRecord(BOB, "bob", "", "", "", "", Presence.OFFLINE, 1,
      "Friends");

  @BeforeEach
  void open() {
    store = StoreTestSupport.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void replacing_the_contacts_drops_those_no_longer_listed() {
    store.friends().replace(List.of(alice, bob));
    store.friends().replace(List.of(alice));

    assertThat(store.friends().all()).containsExactly(alice);
    assertThat(store.friends().friend(BOB)).isEmpty();
  }

  @Test
  void the_friend_list_version_is_kept_with_the_contacts_and_survives_a_reopen() {
    assertThat(store.friends().version()).isZero();
    store.friends().replace(List.of(alice, bob), 7_000_000_001L);
    store.friends().updatePresence(BOB, Presence.ONLINE); // presence is not part of the version
    store.close();
    store = StoreTestSupport.open(dir);

    assertThat(store.friends().version()).isEqualTo(7_000_000_001L);
    assertThat(store.friends().all()).hasSize(2);
    store.friends().replace(List.of(alice)); // a list of unknown version
    assertThat(store.friends().version()).isZero();
  }

  @Test
  void presence_can_be_replaced_for_every_contact_at_once() {
    store.friends().replace(List.of(alice, bob)); // alice ONLINE, bob OFFLINE

    store.friends().replacePresence(java.util.Map.of(BOB, Presence.AWAY));

    assertThat(store.friends().friend(ALICE).orElseThrow().presence()).isEqualTo(Presence.OFFLINE);
    assertThat(store.friends().friend(BOB).orElseThrow().presence()).isEqualTo(Presence.AWAY);
  }

  @Test
  void presence_and_single_contacts_can_be_updated() {
    store.friends().replace(List.of(alice));

    assertThat(store.friends().updatePresence(ALICE, Presence.BUSY)).isTrue();
    assertThat(store.friends().updatePresence(BOB, Presence.BUSY)).isFalse();
    store.friends().upsert(bob);

    assertThat(store.friends().friend(ALICE).orElseThrow().presence()).isEqualTo(Presence.BUSY);
    assertThat(store.friends().all()).extracting(ContactRecord::userId).containsExactly(ALICE, BOB);
    assertThat(store.friends().remove(BOB)).isTrue();
    assertThat(store.friends().all()).hasSize(1);
  }

  @Test
  void conversation_titles_come_from_the_caches_with_a_fallback() {
    store.insertIncoming(fromAlice(1, 1_000, "hi"));
    store.insertIncoming(StoreTestSupport.inGroup(2, BOB, 2_000, "hello group"));
    store.openConversation(PeerRef.user(BOB));

    assertThat(store.conversation(PeerRef.user(ALICE)).orElseThrow().title())
        .isEqualTo("user " + ALICE);

    store.friends().replace(List.of(alice, bob));
    store.groups().upsert(new GroupRecord(GROUP, "Family", 3, MemberRole.OWNER));
    store.friends().upsert(new ContactRecord(ALICE, "alice", "Alice", "Ally", "", "",
        Presence.ONLINE, 1, ""));

    assertThat(store.conversation(PeerRef.user(ALICE)).orElseThrow().title()).isEqualTo("Ally");
    assertThat(store.conversation(PeerRef.user(BOB)).orElseThrow().title()).isEqualTo("bob");
    assertThat(store.conversation(PeerRef.group(GROUP)).orElseThrow().title())
        .isEqualTo("Family");
  }

  @Test
  void groups_can_be_replaced_updated_and_removed() {
    GroupRecord family = new GroupRecord(GROUP, "Family", 3, MemberRole.OWNER);
    GroupRecord work = new GroupRecord(GROUP + 1, "Work", 30, MemberRole.MEMBER);
    store.groups().replace(List.of(family, work));
    store.groups().upsert(new GroupRecord(GROUP + 1, "Work", 31, MemberRole.ADMIN));

    assertThat(store.groups().all()).extracting(GroupRecord::name).containsExactly("Family", "Work");
    assertThat(store.groups().group(GROUP + 1).orElseThrow().myRole()).isEqualTo(MemberRole.ADMIN);

    store.groups().replace(List.of(work));
    assertThat(store.groups().group(GROUP)).isEmpty();
    assertThat(store.groups().remove(GROUP + 1)).isTrue();
    assertThat(store.groups().all()).isEmpty();
  }

  @Test
  void removing_a_contact_keeps_the_conversation_and_its_messages() {
    store.friends().replace(List.of(alice));
    store.insertIncoming(fromAlice(1, 1_000, "keep me"));

    store.friends().remove(ALICE);

    assertThat(store.latestMessages(PeerRef.user(ALICE), 10).messages()).hasSize(1);
  }
}
