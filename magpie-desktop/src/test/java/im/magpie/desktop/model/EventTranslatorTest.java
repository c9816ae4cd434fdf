package im.magpie.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.ChatRef;
import im.magpie.client.FriendRequestRecord;
import im.magpie.client.GroupNoticeKind;
import im.magpie.client.GroupRef;
import im.magpie.client.MessengerEvent;
import im.magpie.client.NamedMessage;
import im.magpie.client.UserProfile;
import im.magpie.client.UserRef;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.Presence;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventTranslatorTest {
    private static final long SELF = 1;
    private static final UserRef ALICE = new UserRef(SELF, "alice", "Alice");
    private static final UserRef BOB = new UserRef(2, "bob", "Bob 王");
    private static final GroupRef HIKE = new GroupRef(9, "周末徒步");

    private final List<DesktopEvent> out = new ArrayList<>();
    private final AtomicInteger groupRefreshes = new AtomicInteger();
    private final EventTranslator translator = new EventTranslator(() -> SELF, () -> {
        groupRefreshes.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }, out::add);

    private static MessengerEvent.GroupNotice notice(GroupNoticeKind kind, UserRef actor, UserRef subject) {
        return new MessengerEvent.GroupNotice(kind, HIKE, actor, subject, "", 7, 1000);
    }

    @Test
    void a_friends_profile_or_presence_change_re_reads_the_cached_list_without_asking_the_server() {
        translator.translate(new MessengerEvent.ProfileChanged(new UserProfile(2, "bob", "Bobby", "去徒步了", "",
                Presence.ONLINE, 0)));
        translator.translate(new MessengerEvent.PresenceChanged(BOB, Presence.AWAY, 5));

        assertThat(out).containsExactly(new DesktopEvent.FriendsChanged(), new DesktopEvent.FriendsChanged());
        assertThat(groupRefreshes).hasValue(0);
    }

    @Test
    void this_accounts_own_profile_change_from_another_device_updates_its_profile_not_the_friend_list() {
        translator.translate(new MessengerEvent.ProfileChanged(new UserProfile(SELF, "alice", "Alice ☕", "在路上", "h1",
                Presence.ONLINE, 0)));

        assertThat(out).containsExactly(new DesktopEvent.SelfChanged(new SelfProfile(SELF, "alice", "Alice ☕", "在路上", "h1")));
    }

    @Test
    void friend_requests_become_notices_named_by_the_event_and_leave_once_answered() {
        FriendRequestRecord asked = new FriendRequestRecord(5, BOB, ALICE, "hi", FriendRequestRecord.State.PENDING,
                true, 0, 0, 0);
        translator.translate(new MessengerEvent.FriendRequestReceived(asked, 3, 10));
        translator.translate(new MessengerEvent.FriendRequestAnswered(new FriendRequestRecord(5, BOB, ALICE, "hi",
                FriendRequestRecord.State.ACCEPTED, true, 0, 0, 20), 4, 20));

        assertThat(out).containsExactly(new DesktopEvent.NoticeArrived(new Notice.FriendRequest(5, "Bob 王", "hi")),
                new DesktopEvent.NoticeGone("friend:5"));
    }

    @Test
    void an_invitation_names_group_and_inviter_and_a_join_names_who_joined() {
        translator.translate(notice(GroupNoticeKind.INVITED, BOB, ALICE));
        translator.translate(notice(GroupNoticeKind.MEMBER_JOINED, BOB, BOB));

        assertThat(out).containsExactly(
                new DesktopEvent.NoticeArrived(new Notice.GroupInvitation(9, "周末徒步", "Bob 王")),
                new DesktopEvent.GroupChanged(new GroupActivity(9, GroupActivity.Kind.JOINED, "Bob 王", "Bob 王", 1000)));
        assertThat(groupRefreshes).as("someone else joining leaves this account's groups as they are").hasValue(0);
    }

    @Test
    void joining_or_a_dissolved_group_reads_the_group_list_again_before_saying_it_changed() {
        translator.translate(notice(GroupNoticeKind.MEMBER_JOINED, BOB, ALICE));
        translator.translate(notice(GroupNoticeKind.GROUP_DISSOLVED, BOB, null));

        assertThat(groupRefreshes).hasValue(2);
        assertThat(out).filteredOn(e -> e instanceof DesktopEvent.GroupsChanged).hasSize(2);
        assertThat(out).contains(new DesktopEvent.GroupChanged(
                new GroupActivity(9, GroupActivity.Kind.DISSOLVED, "Bob 王", "Bob 王", 1000)));
    }

    @Test
    void received_messages_change_their_chats_and_only_others_messages_notify() {
        MessageRecord mine = new MessageRecord(1, 11, "c1", PeerRef.user(2), SELF, true, 10, "hi", 0, false,
                MessageStatus.SENT, false);
        MessageRecord theirs = new MessageRecord(2, 12, "c2", PeerRef.user(2), 2, false, 11, "你好", 0, false,
                MessageStatus.DELIVERED, false);
        ChatRef chat = new ChatRef(PeerRef.user(2), "Bob 王");
        translator.translate(new MessengerEvent.MessagesReceived(List.of(new NamedMessage(mine, ALICE, chat),
                new NamedMessage(theirs, BOB, chat))));

        assertThat(out).containsExactly(new DesktopEvent.ChatsChanged(Set.of(ChatKey.user(2))),
                new DesktopEvent.Arrived(List.of(Mapping.message(theirs))));
    }

    @Test
    void a_watched_members_presence_names_group_and_member_by_id() {
        translator.translate(new MessengerEvent.MemberPresenceChanged(HIKE, BOB, Presence.BUSY, 2));

        assertThat(out).containsExactly(new DesktopEvent.MemberPresence(9, 2, PresenceState.BUSY, 2));
    }
}
