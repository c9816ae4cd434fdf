package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.ALICE;
import static im.magpie.client.history.StoreTestSupport.BOB;
import static im.magpie.client.history.StoreTestSupport.ME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache of people, the friend-list version guard, and refused messages (findings 1, 2, 5). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistoryStorePeopleTest {

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

  private static ContactRecord contact(long id, String username, String nickname) {
    return new ContactRecord(id, username, nickname, "", "", "", Presence.ONLINE, 1, "");
  }

  @Test
  void an_older_friend_list_never_replaces_a_newer_one() {
    assertThat(store.friends().replace(List.of(contact(ALICE, "alice", ""), contact(BOB, "bob", "")), 7)).isTrue();
    assertThat(store.friends().replace(List.of(contact(ALICE, "alice", "")), 6)).isFalse();

    assertThat(store.friends().all()).extracting(ContactRecord::username).containsExactlyInAnyOrder("alice", "bob");
    assertThat(store.friends().version()).isEqualTo(7);
    assertThat(store.friends().replace(List.of(contact(ALICE, "alice", "")), 8)).isTrue();
    assertThat(store.friends().all()).extracting(ContactRecord::username).containsExactly("alice");
  }

  @Test
  void everyone_on_a_friend_list_stays_findable_by_name_after_the_friendship_ends() {
    store.friends().replace(List.of(contact(BOB, "bob", "Bobby")), 1);
    store.friends().replace(List.of(), 2);

    assertThat(store.people().findByName("bob")).get().extracting(KnownPerson::userId).isEqualTo(BOB);
    assertThat(store.people().findByName("BOBBY")).get().extracting(KnownPerson::userId).isEqualTo(BOB);
  }

  @Test
  void a_name_two_people_share_finds_nobody_but_a_username_wins() {
    store.people().learn(List.of(new KnownPerson(ALICE, "alice", "Sam", ""), new KnownPerson(BOB, "sam", "Sam", "")));

    assertThat(store.people().findByName("sam")).get().extracting(KnownPerson::userId).isEqualTo(BOB);
    store.people().learn(new KnownPerson(BOB, "bobsam", "Sam", ""));
    assertThat(store.people().findByName("sam")).isEmpty();
  }

  @Test
  void the_conversation_list_names_people_who_are_not_friends() {
    store.people().learn(new KnownPerson(ALICE, "alice", "Alice W", ""));
    store.insertIncoming(StoreTestSupport.fromAlice(10, 1_000, "hi"));

    assertThat(store.conversations(10)).extracting(ConversationRecord::title).containsExactly("Alice W");
  }

  @Test
  void a_conversation_of_refused_messages_only_is_not_listed() {
    String refused = store.outbox().enqueue(OutgoingMessage.text(PeerRef.user(BOB), ME, "not a friend"));
    store.outbox().markFailed(refused);
    store.insertIncoming(StoreTestSupport.fromAlice(10, 1_000, "hi"));

    assertThat(store.conversations(10)).extracting(ConversationRecord::peer).containsExactly(PeerRef.user(ALICE));
    assertThat(store.latestMessages(PeerRef.user(BOB), 10).messages()).extracting(MessageRecord::status)
        .containsExactly(MessageStatus.FAILED);
  }

  @Test
  void invitations_and_join_requests_wait_until_answered() {
    store.people().addInvitation(new PendingInvitation(100, ALICE, 5));
    store.people().addJoinRequest(new PendingJoinRequest(200, BOB, "let me in", 6));

    assertThat(store.people().invitations()).containsExactly(new PendingInvitation(100, ALICE, 5));
    assertThat(store.people().joinRequests()).containsExactly(new PendingJoinRequest(200, BOB, "let me in", 6));
    assertThat(store.people().removeInvitation(100)).isTrue();
    assertThat(store.people().removeJoinRequest(200, BOB)).isTrue();
    assertThat(store.people().invitations()).isEmpty();
    assertThat(store.people().joinRequests()).isEmpty();
  }

  @Test
  void a_new_list_of_own_groups_keeps_the_names_of_groups_only_heard_of() {
    store.groups().upsert(new GroupRecord(100, "读书会", 0, MemberRole.NONE));
    store.groups().upsert(new GroupRecord(200, "left long ago", 3, MemberRole.MEMBER));

    store.groups().replaceMemberGroups(List.of(new GroupRecord(300, "mine", 2, MemberRole.OWNER)));

    assertThat(store.groups().all()).extracting(GroupRecord::name).containsExactlyInAnyOrder("读书会", "mine");
  }
}
