package im.magpie.server.message;

import static im.magpie.server.message.Chat.befriend;
import static im.magpie.server.message.Chat.history;
import static im.magpie.server.message.Chat.id;
import static im.magpie.server.message.Chat.nextEvent;
import static im.magpie.server.message.Chat.send;
import static im.magpie.server.message.Chat.sendFrame;
import static im.magpie.server.message.Chat.syncAll;
import static im.magpie.server.message.Chat.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.HistoryRequest;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.ReceiptRequest;
import im.magpie.protocol.proto.RecallRequest;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.TypingRequest;
import im.magpie.server.inbox.Inbox;
import im.magpie.testkit.ManualClock;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Permissions, bad input, receipts, typing, recall, history, groups (through a GroupDirectory), retention. */
class MessageRulesIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration BRIEF = Duration.ofMillis(300);

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static ErrorCode error(Frame f) {
        assertThat(f.hasError()).as("expected an error, got " + f).isTrue();
        return f.getError().getCode();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_reply_quotes_a_message_of_its_own_conversation_only(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            long a = id(alice);
            long b = id(bob);
            long c = id(carol);
            befriend(server, a, b);
            befriend(server, a, c);
            long withBob = send(alice, b, "q1", "lunch?").getSendAck().getMessageId();
            long withCarol = send(alice, c, "q2", "secret plan").getSendAck().getMessageId();

            Frame reply = bob.request(replyFrame(a, "r1", "yes!", withBob));
            assertThat(reply.hasSendAck()).as(reply.toString()).isTrue();
            Frame wrongConversation = bob.request(replyFrame(a, "r2", "what plan?", withCarol));
            assertThat(error(wrongConversation)).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(wrongConversation.getError().getMessage()).contains("not in this conversation");
            assertThat(error(bob.request(replyFrame(a, "r3", "?", 123_456_789L)))).isEqualTo(ErrorCode.NOT_FOUND);

            List<InboxEvent> alices = syncAll(alice, 0).stream().filter(InboxEvent::hasMessage).toList();
            assertThat(alices).extracting(Chat::text).containsExactly("lunch?", "secret plan", "yes!");
            assertThat(alices.get(2).getMessage().getContent().getReplyToMessageId()).isEqualTo(withBob);
        }
    }

    private static Frame.Builder replyFrame(long to, String clientId, String text, long replyTo) {
        Frame.Builder f = sendFrame(to, clientId, text);
        f.getSendMessageBuilder().getContentBuilder().setReplyToMessageId(replyTo);
        return f;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void only_friends_may_write_and_bad_input_is_refused_with_nothing_stored(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient mallory = RawClient.registered(server, "mallory")) {
            long a = id(alice);
            long b = id(bob);
            long m = id(mallory);
            befriend(server, a, b);
            befriend(server, a, m);
            Inbox inbox = server.server().features().inbox().inbox();

            assertThat(error(send(mallory, b, "x1", "hi"))).isEqualTo(ErrorCode.FORBIDDEN);          // not friends
            assertThat(error(send(alice, 987_654_321L, "x2", "hi"))).isEqualTo(ErrorCode.NOT_FOUND); // no such user
            server.server().context().database().jdbi().useHandle(h ->
                    h.execute("INSERT INTO blocks (owner_id, blocked_id, since_ms) VALUES (?, ?, 0)", m, a));
            assertThat(error(send(alice, m, "x3", "hi"))).isEqualTo(ErrorCode.FORBIDDEN);            // blocked by the recipient
            assertThat(error(send(mallory, a, "x4", "hi"))).isEqualTo(ErrorCode.FORBIDDEN);          // blocker writes to the blocked

            assertThat(error(send(alice, b, "e1", ""))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(send(alice, b, "e2", "  \n "))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(send(alice, b, "e3", "a".repeat(16 * 1024 + 1)))).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(error(send(alice, b, "e4", "😀".repeat(4 * 1024 + 1)))).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(error(send(alice, b, "", "no client id"))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(send(alice, b, "c".repeat(65), "long client id"))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(send(alice, a, "e5", "to myself"))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(alice.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                    .setClientMsgId("e6").setContent(Content.newBuilder().setText(Text.newBuilder().setText("no peer"))))))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(alice.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                    .setClientMsgId("e7").setTo(user(b)))))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(alice.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                    .setClientMsgId("e8").setTo(Peer.newBuilder().setGroupId(42))
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("no such group"))))))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(inbox.latestSeq(b)).isZero();
            assertThat(inbox.latestSeq(a)).isZero();

            // The limit is exact: 16 KiB of 4-byte emoji is fine.
            Frame big = send(alice, b, "ok", "😀".repeat(4 * 1024));
            assertThat(big.hasSendAck()).as(big.toString()).isTrue();
            assertThat(Chat.text(syncAll(bob, 0).get(0))).hasSize(8 * 1024); // UTF-16 units
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void invalid_utf8_is_refused_at_parse_time_and_stores_nothing(TestDatabase db) throws IOException {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);
            byte[] text = message(1, new byte[] {(byte) 0xC3, (byte) 0x28});           // Text{text: invalid UTF-8}
            byte[] content = message(1, text);                                          // Content{text}
            ByteArrayOutputStream send = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(send);
            out.writeString(1, "bad-utf8");
            out.writeByteArray(2, Peer.newBuilder().setUserId(b).build().toByteArray());
            out.writeByteArray(3, content);
            out.flush();
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            out = CodedOutputStream.newInstance(frame);
            out.writeUInt64(1, 77);
            out.writeByteArray(70, send.toByteArray());
            out.flush();
            byte[] body = frame.toByteArray();
            alice.sendBytes(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());

            Frame answer = alice.read(System.nanoTime() + WAIT.toNanos()).orElseThrow();
            assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(alice.isClosedByServer(WAIT)).isTrue();
            assertThat(server.server().features().inbox().inbox().latestSeq(b)).isZero();
        }
    }

    private static byte[] message(int field, byte[] bytes) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        out.writeByteArray(field, bytes);
        out.flush();
        return buf.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void receipts_go_to_the_sender_live_and_only_for_messages_one_received(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient bobPhone = Chat.secondDevice(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            long a = id(alice);
            long b = id(bob);
            long c = id(carol);
            befriend(server, a, b);
            befriend(server, c, b);
            long m1 = send(alice, b, "1", "one").getSendAck().getMessageId();
            long m2 = send(alice, b, "2", "two").getSendAck().getMessageId();
            long fromCarol = send(carol, b, "3", "three").getSendAck().getMessageId();
            drain(bob);
            drain(bobPhone);

            Frame ok = bob.request(receipt(user(a), ReceiptKind.DELIVERED, m2));
            assertThat(ok.hasOk()).as(ok.toString()).isTrue();
            InboxEvent delivered = nextEvent(alice, WAIT).orElseThrow();
            assertThat(delivered.getReceipt().getReaderId()).isEqualTo(b);
            assertThat(delivered.getReceipt().getPeer()).isEqualTo(user(b));
            assertThat(delivered.getReceipt().getKind()).isEqualTo(ReceiptKind.DELIVERED);
            assertThat(delivered.getReceipt().getUpToMessageId()).isEqualTo(m2);
            assertThat(nextEvent(bobPhone, BRIEF)).as("DELIVERED is not echoed to the reader's devices").isEmpty();

            assertThat(bob.request(receipt(user(a), ReceiptKind.READ, m1)).hasOk()).isTrue();
            assertThat(nextEvent(alice, WAIT).orElseThrow().getReceipt().getKind()).isEqualTo(ReceiptKind.READ);
            InboxEvent readElsewhere = nextEvent(bobPhone, WAIT).orElseThrow();
            assertThat(readElsewhere.getReceipt().getPeer()).as("the reader's other devices learn the chat is read").isEqualTo(user(a));

            long aliceSeq = server.server().features().inbox().inbox().latestSeq(a);
            assertThat(error(alice.request(receipt(user(b), ReceiptKind.READ, m1)))).isEqualTo(ErrorCode.NOT_FOUND);   // her own message
            assertThat(error(bob.request(receipt(user(a), ReceiptKind.READ, fromCarol)))).isEqualTo(ErrorCode.NOT_FOUND); // wrong conversation
            assertThat(error(bob.request(receipt(user(a), ReceiptKind.READ, 12345)))).isEqualTo(ErrorCode.NOT_FOUND);     // no such message
            assertThat(error(carol.request(receipt(user(a), ReceiptKind.READ, m1)))).isEqualTo(ErrorCode.NOT_FOUND);      // not hers
            assertThat(error(bob.request(receipt(user(a), ReceiptKind.RECEIPT_KIND_UNSPECIFIED, m1)))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(server.server().features().inbox().inbox().latestSeq(a)).isEqualTo(aliceSeq);

            // Receipts that tell nothing new (repeated, or older than the last) are answered OK and stored nowhere.
            long bobSeq = server.server().features().inbox().inbox().latestSeq(b);
            assertThat(bob.request(receipt(user(a), ReceiptKind.DELIVERED, m2)).hasOk()).isTrue();
            assertThat(bob.request(receipt(user(a), ReceiptKind.DELIVERED, m1)).hasOk()).isTrue();
            assertThat(bob.request(receipt(user(a), ReceiptKind.READ, m1)).hasOk()).isTrue();
            assertThat(server.server().features().inbox().inbox().latestSeq(a)).isEqualTo(aliceSeq);
            assertThat(server.server().features().inbox().inbox().latestSeq(b)).isEqualTo(bobSeq);
            assertThat(bob.request(receipt(user(a), ReceiptKind.READ, m2)).hasOk()).isTrue(); // moves the mark: told
            assertThat(server.server().features().inbox().inbox().latestSeq(a)).isEqualTo(aliceSeq + 1);
            assertThat(server.server().features().inbox().inbox().latestSeq(b)).isEqualTo(bobSeq + 1);
        }
    }

    private static Frame.Builder receipt(Peer peer, ReceiptKind kind, long upTo) {
        return Frame.newBuilder().setReceipt(ReceiptRequest.newBuilder().setPeer(peer).setKind(kind).setUpToMessageId(upTo));
    }

    private static void drain(RawClient c) {
        while (c.nextPush(BRIEF).isPresent()) {
            // discard
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void typing_goes_live_to_friends_only_and_is_never_stored(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);
            assertThat(alice.request(Frame.newBuilder().setTyping(TypingRequest.newBuilder().setToUserId(b))).hasOk()).isTrue();
            Frame push = bob.nextPush(WAIT).orElseThrow();
            assertThat(push.getTypingPush().getFromUserId()).isEqualTo(a);
            assertThat(error(carol.request(Frame.newBuilder().setTyping(TypingRequest.newBuilder().setToUserId(b))))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(bob.nextPush(BRIEF)).isEmpty();
            assertThat(server.server().features().inbox().inbox().latestSeq(b)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_sender_may_recall_within_the_window_and_the_content_is_gone_everywhere(TestDatabase db) {
        ManualClock clock = new ManualClock();
        try (TestServer server = Chat.builder(db).clock(clock).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);
            long m = send(alice, b, "r1", "oops, wrong chat").getSendAck().getMessageId();
            long late = send(alice, b, "r2", "this one stays").getSendAck().getMessageId();
            drain(bob);

            assertThat(error(bob.request(recall(m)))).isEqualTo(ErrorCode.FORBIDDEN);    // not his message
            assertThat(error(carol.request(recall(m)))).isEqualTo(ErrorCode.NOT_FOUND);  // not even hers to see
            assertThat(error(alice.request(recall(999)))).isEqualTo(ErrorCode.NOT_FOUND);

            clock.advance(Duration.ofSeconds(119));
            assertThat(alice.request(recall(m)).hasOk()).isTrue();
            InboxEvent atBob = nextEvent(bob, WAIT).orElseThrow();
            assertThat(atBob.getRecall().getMessageId()).isEqualTo(m);
            assertThat(atBob.getRecall().getPeer()).isEqualTo(user(a));
            assertThat(atBob.getRecall().getRecalledBy()).isEqualTo(a);
            assertThat(alice.request(recall(m)).hasOk()).as("recalling twice changes nothing").isTrue();

            List<InboxEvent> bobs = syncAll(bob, 0);
            assertThat(bobs).hasSize(3);
            ChatMessage recalled = bobs.get(0).getMessage();
            assertThat(recalled.getRecalled()).isTrue();
            assertThat(recalled.hasContent()).isFalse();
            assertThat(bobs.get(2).getRecall().getMessageId()).isEqualTo(m);
            assertThat(syncAll(alice, 0)).filteredOn(InboxEvent::hasRecall).hasSize(1);

            HistoryPage page = history(alice, user(b), 0, 10);
            assertThat(page.getMessagesList()).extracting(ChatMessage::getMessageId).containsExactly(late, m);
            assertThat(page.getMessages(1).getRecalled()).isTrue();
            assertThat(page.getMessages(1).hasContent()).isFalse();
            Object stored = server.server().context().database().jdbi().withHandle(h ->
                    h.createQuery("SELECT content FROM messages WHERE message_id = :m").bind("m", m).mapTo(byte[].class).findOne().orElse(null));
            assertThat(stored).as("the server deleted the text").isNull();

            clock.advance(Duration.ofSeconds(2)); // "late" is now 121 s old
            assertThat(error(alice.request(recall(late)))).isEqualTo(ErrorCode.CONFLICT);
            assertThat(Chat.text(syncAll(bob, 0).get(1))).isEqualTo("this one stays");
        }
    }

    private static Frame.Builder recall(long id) {
        return Frame.newBuilder().setRecall(RecallRequest.newBuilder().setMessageId(id));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void history_pages_newest_first_and_only_the_two_participants_see_their_chat(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            long a = id(alice);
            long b = id(bob);
            long c = id(carol);
            befriend(server, a, b);
            befriend(server, c, b);
            for (int i = 0; i < 5; i++) send(i % 2 == 0 ? alice : bob, i % 2 == 0 ? b : a, "h" + i, "h" + i);
            send(carol, b, "hc", "carol to bob");

            HistoryPage first = history(bob, user(a), 0, 2);
            assertThat(first.getMessagesList()).extracting(m -> m.getContent().getText().getText()).containsExactly("h4", "h3");
            assertThat(first.getHasMore()).isTrue();
            HistoryPage second = history(bob, user(a), first.getMessages(1).getMessageId(), 2);
            assertThat(second.getMessagesList()).extracting(m -> m.getContent().getText().getText()).containsExactly("h2", "h1");
            HistoryPage last = history(alice, user(b), second.getMessages(1).getMessageId(), 200);
            assertThat(last.getMessagesList()).extracting(m -> m.getContent().getText().getText()).containsExactly("h0");
            assertThat(last.getHasMore()).isFalse();

            assertThat(history(carol, user(a), 0, 50).getMessagesList()).as("carol never talked to alice").isEmpty();
            assertThat(history(carol, user(b), 0, 50).getMessagesList()).extracting(m -> m.getContent().getText().getText())
                    .containsExactly("carol to bob");

            for (int bad : new int[] {0, 201}) {
                assertThat(error(bob.request(Frame.newBuilder().setHistory(HistoryRequest.newBuilder().setPeer(user(a)).setLimit(bad)))))
                        .isEqualTo(ErrorCode.BAD_REQUEST);
            }
            assertThat(error(bob.request(Frame.newBuilder().setHistory(HistoryRequest.newBuilder().setLimit(10))))).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error(bob.request(Frame.newBuilder().setHistory(HistoryRequest.newBuilder()
                    .setPeer(Peer.newBuilder().setGroupId(5)).setLimit(10))))).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    /** A one-group directory: group 7 with the given members, joined at the given times. */
    private record FakeGroups(long groupId, List<Long> members, long joinedMs, boolean privateWord) implements GroupDirectory {
        @Override
        public List<Long> membersForPost(long g, long sender) {
            if (g != groupId) throw im.magpie.server.dispatch.MagpieException.notFound("message.group.not_found");
            if (!members.contains(sender)) throw im.magpie.server.dispatch.MagpieException.forbidden("message.not_friends");
            return members;
        }

        @Override
        public Set<Long> resolveMentions(long g, long sender, String text, boolean all) {
            return text.contains("@second") ? Set.of(members.get(1)) : Set.of();
        }

        @Override
        public boolean allowsPrivateWord(long g, long s, long r) {
            return privateWord && g == groupId && members.contains(s) && members.contains(r);
        }

        @Override
        public long memberSinceMs(long g, long user) {
            membersForPost(g, user);
            return joinedMs;
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void group_messages_fan_out_to_every_member_with_mentions_and_private_words_need_the_group(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol");
             RawClient dave = RawClient.registered(server, "dave")) {
            long a = id(alice);
            long b = id(bob);
            long c = id(carol);
            long d = id(dave);
            MessageFeature messages = server.server().features().messages();
            messages.useGroups(new FakeGroups(7, List.of(a, b, c), 0, true));
            Peer group = Peer.newBuilder().setGroupId(7).build();

            Frame ack = alice.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder().setClientMsgId("g1").setTo(group)
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("hi all, esp. @second")))));
            assertThat(ack.hasSendAck()).as(ack.toString()).isTrue();
            InboxEvent atBob = nextEvent(bob, WAIT).orElseThrow();
            InboxEvent atCarol = nextEvent(carol, WAIT).orElseThrow();
            assertThat(atBob.getMessage().getTo()).isEqualTo(group);
            assertThat(atBob.getMessage().getMentionsMe()).isTrue();
            assertThat(atCarol.getMessage().getMentionsMe()).isFalse();
            assertThat(syncAll(carol, 0)).hasSize(1);
            assertThat(syncAll(alice, 0)).hasSize(1);
            assertThat(error(dave.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder().setClientMsgId("g2").setTo(group)
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("let me in"))))))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(history(carol, group, 0, 10).getMessagesList()).hasSize(1);
            assertThat(history(bob, group, 0, 10).getMessages(0).getMentionsMe()).isTrue();
            assertThat(bob.request(receipt(group, ReceiptKind.READ, ack.getSendAck().getMessageId())).hasOk()).isTrue();
            assertThat(error(dave.request(receipt(group, ReceiptKind.READ, ack.getSendAck().getMessageId())))).isEqualTo(ErrorCode.FORBIDDEN);

            // Members who are not friends may have a private word through the group, strangers may not.
            Frame privateWord = alice.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                    .setClientMsgId("p1").setTo(user(c)).setViaGroupId(7)
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("psst")))));
            assertThat(privateWord.hasSendAck()).as(privateWord.toString()).isTrue();
            assertThat(nextEvent(carol, WAIT).orElseThrow().getMessage().getViaGroupId()).isEqualTo(7);
            assertThat(error(alice.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder().setClientMsgId("p2").setTo(user(d)).setViaGroupId(7)
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("psst"))))))).isEqualTo(ErrorCode.FORBIDDEN);

            // A member sees the group's history only from when they joined.
            messages.useGroups(new FakeGroups(7, List.of(a, b, c), System.currentTimeMillis() + 60_000, true));
            assertThat(history(carol, group, 0, 10).getMessagesList()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_message_to_the_lobby_goes_through_the_real_group_directory_to_every_member(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).set(im.magpie.server.group.GroupSettings.LOBBY_ENABLED, true).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long b = id(bob);
            var groups = alice.request(Frame.newBuilder().setListGroups(im.magpie.protocol.proto.ListGroupsRequest.getDefaultInstance()));
            long lobby = groups.getGroupList().getGroupsList().stream().filter(g -> g.getIsLobby()).findFirst().orElseThrow().getGroupId();
            Peer group = Peer.newBuilder().setGroupId(lobby).build();
            Frame ack = alice.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder().setClientMsgId("l1").setTo(group)
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("hello lobby")))));
            assertThat(ack.hasSendAck()).as(ack.toString()).isTrue();
            InboxEvent atBob;
            do {
                atBob = nextEvent(bob, WAIT).orElseThrow();
            } while (!atBob.hasMessage());
            assertThat(atBob.getMessage().getTo()).isEqualTo(group);
            assertThat(Chat.text(atBob)).isEqualTo("hello lobby");
            assertThat(history(bob, group, 0, 10).getMessagesList()).extracting(m -> m.getContent().getText().getText())
                    .containsExactly("hello lobby");
            assertThat(b).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_retention_purge_deletes_only_messages_older_than_the_setting(TestDatabase db) {
        ManualClock clock = new ManualClock();
        try (TestServer server = Chat.builder(db).clock(clock).set(MessageSettings.RETENTION_DAYS, 1).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);
            send(alice, b, "old", "old");
            clock.advance(Duration.ofHours(25));
            send(alice, b, "new", "new");
            assertThat(server.server().features().messages().service().purgeExpired()).isEqualTo(1);
            assertThat(history(bob, user(a), 0, 10).getMessagesList()).extracting(m -> m.getContent().getText().getText()).containsExactly("new");
            List<InboxEvent> synced = syncAll(bob, 0);
            assertThat(synced).hasSize(2);
            assertThat(synced.get(0).getMessage().hasContent()).as("a purged message keeps only its envelope").isFalse();
        }
    }
}
