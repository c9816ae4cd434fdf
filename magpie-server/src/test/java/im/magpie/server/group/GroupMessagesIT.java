package im.magpie.server.group;

import static im.magpie.server.group.GroupTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GroupNoticeKind;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.HistoryRequest;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.JoinGroupRequest;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.RemoveMemberRequest;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.UpdateGroupRequest;
import im.magpie.server.message.MessageSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Group messages through the real messaging feature and the real group directory. */
class GroupMessagesIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static Peer group(long gid) {
        return Peer.newBuilder().setGroupId(gid).build();
    }

    private static Frame post(RawClient c, long gid, String text) {
        return post(c, gid, text, false);
    }

    private static Frame post(RawClient c, long gid, String text, boolean all) {
        return c.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                .setClientMsgId(UUID.randomUUID().toString()).setTo(group(gid))
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText(text)).setMentionAll(all))));
    }

    private static Frame history(RawClient c, long gid) {
        return c.request(Frame.newBuilder().setHistory(HistoryRequest.newBuilder().setPeer(group(gid)).setLimit(200)));
    }

    private static List<String> texts(HistoryPage page) {
        return page.getMessagesList().stream().map(m -> m.getContent().getText().getText()).toList();
    }

    /** The next message pushed to {@code c} (other pushes skipped). */
    private static ChatMessage nextMessage(RawClient c) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Frame> f = c.nextPush(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f.isEmpty()) break;
            if (f.get().hasEvent() && f.get().getEvent().getEvent().hasMessage()) return f.get().getEvent().getEvent().getMessage();
        }
        throw new AssertionError("no message pushed");
    }

    private static List<ChatMessage> messagesIn(List<InboxEvent> events, long gid) {
        return events.stream().filter(InboxEvent::hasMessage).map(InboxEvent::getMessage)
                .filter(m -> m.getTo().getGroupId() == gid).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void members_get_every_message_offline_ones_on_sync_new_ones_from_their_join_removed_ones_nothing(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient dave = RawClient.registered(server, "dave");
             RawClient outsider = RawClient.registered(server, "outsider")) {
            RawClient carol = RawClient.registered(server, "carol");
            long gid = groupOf(alice, "talk", JoinPolicy.OPEN, bob, carol).getGroupId();
            long carolSeen = sync(carol, 0).stream().mapToLong(InboxEvent::getSeq).max().orElse(0);
            carol.close();

            assertThat(post(alice, gid, "one").hasSendAck()).isTrue();
            assertThat(nextMessage(bob).getContent().getText().getText()).isEqualTo("one");
            assertThat(post(bob, gid, "two").hasSendAck()).isTrue();
            assertThat(nextMessage(alice).getSenderId()).isEqualTo(id(bob));

            // dave joins late: he gets what comes after, and history only from his join
            dave.request(Frame.newBuilder().setJoinGroup(JoinGroupRequest.newBuilder().setGroupId(gid)));
            assertThat(history(dave, gid).getHistoryPage().getMessagesList()).isEmpty();
            post(alice, gid, "three");
            assertThat(nextMessage(dave).getContent().getText().getText()).isEqualTo("three");
            assertThat(texts(history(dave, gid).getHistoryPage())).containsExactly("three");
            assertThat(texts(history(bob, gid).getHistoryPage())).containsExactly("three", "two", "one");

            // bob is removed: nothing more reaches him, and he can neither post nor read
            drain(bob);
            alice.request(Frame.newBuilder().setRemoveMember(RemoveMemberRequest.newBuilder().setGroupId(gid).setUserId(id(bob))));
            awaitNotice(bob, gid, GroupNoticeKind.MEMBER_REMOVED);
            post(alice, gid, "four");
            assertThat(nextMessage(dave).getContent().getText().getText()).isEqualTo("four");
            assertThat(drain(bob)).noneMatch(f -> f.hasEvent() && f.getEvent().getEvent().hasMessage());
            assertThat(messagesIn(sync(bob, 0), gid)).extracting(m -> m.getContent().getText().getText()).containsExactly("one", "two", "three");
            assertThat(error(post(bob, gid, "let me back"))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(error(history(bob, gid))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(error(post(outsider, gid, "hi"))).isEqualTo(ErrorCode.FORBIDDEN);

            // carol was offline throughout: she catches up on sync, in order
            try (RawClient back = RawClient.connect(server)) {
                back.login("carol", "password-123");
                List<InboxEvent> missed = sync(back, carolSeen);
                assertThat(messagesIn(missed, gid)).extracting(m -> m.getContent().getText().getText())
                        .containsExactly("one", "two", "three", "four");
                assertThat(noticeKinds(missed, gid)).containsExactly(GroupNoticeKind.MEMBER_JOINED, GroupNoticeKind.MEMBER_REMOVED);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrent_senders_give_every_member_the_same_order(TestDatabase db) throws Exception {
        concurrentSendersKeepOneOrder(TestServer.builder().database(db));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_order_holds_when_every_group_message_is_a_transaction_of_its_own(TestDatabase db) throws Exception {
        // six members, so a message makes at most seven inbox appends: the writer cuts every batch
        // of queued sends into one transaction per message
        concurrentSendersKeepOneOrder(TestServer.builder().database(db).set(MessageSettings.SEND_BATCH_MAX_DELIVERIES, 7));
    }

    private static void concurrentSendersKeepOneOrder(TestServer.Builder builder) throws Exception {
        int senders = 4;
        int each = 15;
        try (TestServer server = builder.start();
             RawClient owner = RawClient.registered(server, "owner");
             RawClient reader = RawClient.registered(server, "reader")) {
            List<RawClient> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) sending.add(RawClient.registered(server, "sender" + s));
            long gid = groupOf(owner, "busy", JoinPolicy.OPEN, sending.toArray(RawClient[]::new)).getGroupId();
            reader.request(Frame.newBuilder().setJoinGroup(JoinGroupRequest.newBuilder().setGroupId(gid)));
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int s = 0; s < senders; s++) {
                    RawClient c = sending.get(s);
                    int sender = s;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            Frame ack = post(c, gid, sender + ":" + i);
                            if (!ack.hasSendAck()) throw new IllegalStateException(ack.toString());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdownNow();
            }
            List<Long> order = messagesIn(sync(owner, 0), gid).stream().map(ChatMessage::getMessageId).toList();
            assertThat(order).hasSize(senders * each).doesNotHaveDuplicates();
            for (RawClient member : List.of(reader, sending.get(0), sending.get(3))) {
                assertThat(messagesIn(sync(member, 0), gid)).extracting(ChatMessage::getMessageId).containsExactlyElementsOf(order);
            }
            // each sender's own messages keep their order, and history agrees with the inbox
            List<String> texts = messagesIn(sync(reader, 0), gid).stream().map(m -> m.getContent().getText().getText()).toList();
            for (int s = 0; s < senders; s++) {
                String prefix = s + ":";
                assertThat(texts.stream().filter(t -> t.startsWith(prefix)).toList())
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, each).mapToObj(i -> prefix + i).toList());
            }
            List<Long> historyOrder = new ArrayList<>(history(reader, gid).getHistoryPage().getMessagesList().stream()
                    .map(ChatMessage::getMessageId).toList());
            java.util.Collections.reverse(historyOrder);
            assertThat(historyOrder).containsExactlyElementsOf(order);
            sending.forEach(RawClient::close);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void mentions_are_flagged_at_all_is_for_admins_and_private_words_follow_the_group(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.connect(server);
             RawClient carol = RawClient.registered(server, "carol")) {
            bob.register("bob", "password-123", "小明");
            long gid = groupOf(alice, "mentions", JoinPolicy.APPROVAL, bob, carol).getGroupId();
            drain(bob);
            drain(carol);
            assertThat(post(carol, gid, "@小明 你好").hasSendAck()).isTrue();
            assertThat(nextMessage(bob).getMentionsMe()).isTrue();
            assertThat(nextMessage(alice).getMentionsMe()).isFalse();
            assertThat(error(post(carol, gid, "everyone!", true))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(post(alice, gid, "meeting now", true).hasSendAck()).isTrue();
            assertThat(nextMessage(bob).getMentionsMe()).isTrue();
            assertThat(nextMessage(carol).getMentionsMe()).isTrue();

            Frame.Builder privateWord = Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                    .setClientMsgId(UUID.randomUUID().toString()).setTo(Peer.newBuilder().setUserId(id(carol))).setViaGroupId(gid)
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("psst"))));
            assertThat(bob.request(privateWord).hasSendAck()).as("members who are not friends").isTrue();
            assertThat(nextMessage(carol).getViaGroupId()).isEqualTo(gid);
            alice.request(Frame.newBuilder().setUpdateGroup(UpdateGroupRequest.newBuilder().setGroupId(gid).setPrivateChatAllowed(false)));
            privateWord.getSendMessageBuilder().setClientMsgId(UUID.randomUUID().toString());
            assertThat(error(bob.request(privateWord))).isEqualTo(ErrorCode.FORBIDDEN);
        }
    }
}
