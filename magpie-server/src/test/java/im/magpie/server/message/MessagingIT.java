package im.magpie.server.message;

import static im.magpie.server.message.Chat.befriend;
import static im.magpie.server.message.Chat.history;
import static im.magpie.server.message.Chat.id;
import static im.magpie.server.message.Chat.nextEvent;
import static im.magpie.server.message.Chat.send;
import static im.magpie.server.message.Chat.sendFrame;
import static im.magpie.server.message.Chat.syncAll;
import static im.magpie.server.message.Chat.text;
import static im.magpie.server.message.Chat.user;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Ping;
import im.magpie.protocol.proto.SendAck;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sending, online and offline delivery, several devices, retries, order, gap detection. */
class MessagingIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration BRIEF = Duration.ofMillis(300);

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_message_reaches_every_device_of_the_recipient_and_the_senders_other_devices_at_once(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient alicePhone = Chat.secondDevice(server, "alice");
             RawClient bobPhone = Chat.secondDevice(server, "bob")) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);

            Frame ack = send(alice, b, "c-1", "你好, Bob 👋");
            assertThat(ack.hasSendAck()).as(ack.toString()).isTrue();
            SendAck sendAck = ack.getSendAck();
            assertThat(sendAck.getClientMsgId()).isEqualTo("c-1");
            assertThat(sendAck.getMessageId()).isPositive();
            assertThat(sendAck.getSeq()).isEqualTo(1);

            for (RawClient device : List.of(bob, bobPhone, alicePhone)) {
                InboxEvent e = nextEvent(device, WAIT).orElseThrow();
                assertThat(e.getMessage().getMessageId()).isEqualTo(sendAck.getMessageId());
                assertThat(e.getMessage().getSenderId()).isEqualTo(a);
                assertThat(text(e)).isEqualTo("你好, Bob 👋");
            }
            assertThat(nextEvent(alice, BRIEF)).as("the sending device has the ack, not a push").isEmpty();
            InboxEvent own = nextEvent(alicePhone, BRIEF).orElse(null);
            assertThat(own).as("one push per device").isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_offline_friend_gets_everything_in_order_when_they_next_connect(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice")) {
            long a = id(alice);
            long b = Chat.offlineFriend(server, a, "bob");
            for (int i = 0; i < 3; i++) assertThat(send(alice, b, "m" + i, "message " + i).hasSendAck()).isTrue();

            try (RawClient bob = RawClient.connect(server)) {
                Frame ok = bob.login("bob", "password-123");
                assertThat(ok.getLoginOk().getLatestSeq()).isEqualTo(3);
                List<InboxEvent> events = syncAll(bob, 0);
                assertThat(events).extracting(Chat::text).containsExactly("message 0", "message 1", "message 2");
                assertThat(events).extracting(InboxEvent::getSeq).containsExactly(1L, 2L, 3L);
                assertThat(syncAll(bob, 3)).isEmpty();
            }
            // The sender's own inbox holds her messages too (a new device of hers syncs them).
            assertThat(syncAll(alice, 0)).extracting(Chat::text).containsExactly("message 0", "message 1", "message 2");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_retry_returns_the_same_ack_and_stores_nothing_twice_even_while_the_first_is_in_flight(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient alicePhone = Chat.secondDevice(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);

            // Sequential retry: the first was committed long ago.
            SendAck first = send(alice, b, "same", "hello").getSendAck();
            SendAck again = send(alice, b, "same", "hello (retried)").getSendAck();
            assertThat(again).isEqualTo(first);

            // Pipelined on one connection, and at the same time from another device of the sender.
            List<Long> ids = List.of(900_001L, 900_002L, 900_003L);
            for (long id : ids) alice.send(sendFrame(b, "burst", "burst").setId(id).build());
            alicePhone.send(sendFrame(b, "burst", "burst").setId(900_004L).build());
            List<SendAck> acks = new ArrayList<>();
            for (long id : ids) acks.add(alice.awaitResponse(id, WAIT).getSendAck());
            acks.add(alicePhone.awaitResponse(900_004L, WAIT).getSendAck());
            assertThat(acks).allSatisfy(ack -> assertThat(ack).isEqualTo(acks.get(0)));
            assertThat(acks.get(0).getMessageId()).isPositive();

            List<InboxEvent> bobs = syncAll(bob, 0);
            assertThat(bobs).extracting(Chat::text).containsExactly("hello", "burst");
            assertThat(syncAll(alice, 0)).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_retry_of_a_stored_message_in_a_batch_of_new_ones_gets_its_first_ack_and_the_others_are_stored_once(TestDatabase db) {
        // The writer skips the duplicate lookup and relies on the unique key: the batch holding
        // the retry fails once and is written again with the lookup.
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);
            SendAck first = send(alice, b, "old", "stored long ago").getSendAck();

            List<String> expected = new ArrayList<>(List.of("stored long ago"));
            for (int i = 0; i < 40; i++) {
                if (i == 20) {
                    alice.send(sendFrame(b, "old", "stored long ago (retried)").setId(800_000L + i).build());
                } else {
                    alice.send(sendFrame(b, "new" + i, "new " + i).setId(800_000L + i).build());
                    expected.add("new " + i);
                }
            }
            for (int i = 0; i < 40; i++) {
                SendAck ack = alice.awaitResponse(800_000L + i, WAIT).getSendAck();
                if (i == 20) assertThat(ack).isEqualTo(first);
                else assertThat(ack.getMessageId()).isPositive().isNotEqualTo(first.getMessageId());
            }
            assertThat(syncAll(bob, 0)).extracting(Chat::text).containsExactlyElementsOf(expected);
            assertThat(syncAll(alice, 0)).hasSize(expected.size());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyone_sees_the_same_order_under_concurrent_senders(TestDatabase db) throws Exception {
        int perSender = 150;
        try (TestServer server = Chat.builder(db).set(MessageSettings.WRITER_THREADS, 2).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient carol = RawClient.registered(server, "carol");
             RawClient bob = RawClient.registered(server, "bob")) {
            long a = id(alice);
            long c = id(carol);
            long b = id(bob);
            befriend(server, a, b);
            befriend(server, c, b);

            List<CompletableFuture<List<SendAck>>> senders = new ArrayList<>();
            for (RawClient sender : List.of(alice, carol)) {
                String name = sender == alice ? "a" : "c";
                senders.add(CompletableFuture.supplyAsync(() -> {
                    for (int i = 0; i < perSender; i++) sender.send(sendFrame(b, name + i, name + ":" + i).setId(1_000_000L + i).build());
                    List<SendAck> acks = new ArrayList<>();
                    for (int i = 0; i < perSender; i++) acks.add(sender.awaitResponse(1_000_000L + i, Duration.ofSeconds(60)).getSendAck());
                    return acks;
                }));
            }
            List<SendAck> aliceAcks = senders.get(0).get();
            List<SendAck> carolAcks = senders.get(1).get();
            assertThat(aliceAcks).extracting(SendAck::getMessageId).doesNotContain(0L).isSorted();
            assertThat(carolAcks).extracting(SendAck::getMessageId).doesNotContain(0L).isSorted();

            List<InboxEvent> atBob = syncAll(bob, 0);
            assertThat(atBob).hasSize(2 * perSender);
            List<String> fromAlice = atBob.stream().filter(e -> e.getMessage().getSenderId() == a).map(Chat::text).toList();
            List<String> fromCarol = atBob.stream().filter(e -> e.getMessage().getSenderId() == c).map(Chat::text).toList();
            List<String> expectedAlice = new ArrayList<>();
            List<String> expectedCarol = new ArrayList<>();
            for (int i = 0; i < perSender; i++) {
                expectedAlice.add("a:" + i);
                expectedCarol.add("c:" + i);
            }
            assertThat(fromAlice).containsExactlyElementsOf(expectedAlice);
            assertThat(fromCarol).containsExactlyElementsOf(expectedCarol);
            // Bob's inbox order, the senders' inboxes and history agree message by message.
            List<Long> bobOrder = atBob.stream().map(e -> e.getMessage().getMessageId()).toList();
            // Within a conversation, ids follow commit order (across conversations they need not).
            assertThat(atBob.stream().filter(e -> e.getMessage().getSenderId() == a).map(e -> e.getMessage().getMessageId()).toList()).isSorted();
            assertThat(syncAll(alice, 0)).extracting(e -> e.getMessage().getMessageId())
                    .containsExactlyElementsOf(bobOrder.stream().filter(id -> aliceAcks.stream().anyMatch(ack -> ack.getMessageId() == id)).toList());
            List<Long> historyOrder = new ArrayList<>();
            long before = 0;
            while (true) {
                var page = history(bob, user(a), before, 40);
                page.getMessagesList().forEach(m -> historyOrder.add(0, m.getMessageId()));
                if (!page.getHasMore()) break;
                before = page.getMessages(page.getMessagesCount() - 1).getMessageId();
            }
            assertThat(historyOrder).containsExactlyElementsOf(aliceAcks.stream().map(SendAck::getMessageId).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_dropped_push_is_noticed_through_the_pong_and_recovered_by_sync(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);
            send(alice, b, "1", "first");
            long stored = nextEvent(bob, WAIT).orElseThrow().getSeq(); // bob stores seq 1

            send(alice, b, "2", "second");
            assertThat(bob.nextPush(WAIT)).as("the push arrives, and bob's client drops it").isPresent();

            long latest = bob.request(Frame.newBuilder().setPing(Ping.getDefaultInstance())).getPong().getLatestSeq();
            assertThat(latest).as("the Pong shows a gap").isGreaterThan(stored);
            List<InboxEvent> missed = syncAll(bob, stored);
            assertThat(missed).extracting(Chat::text).containsExactly("second");
            assertThat(missed.get(missed.size() - 1).getSeq()).isEqualTo(latest);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_client_sending_faster_than_the_writer_stores_is_slowed_down_not_refused(TestDatabase db) {
        try (TestServer server = Chat.builder(db)
                .set(MessageSettings.SEND_QUEUE_CAPACITY, 16).set(MessageSettings.SEND_BATCH_MAX, 2).start();
             RawClient alice = RawClient.registered(server, "alice")) {
            long a = id(alice);
            long b = Chat.offlineFriend(server, a, "bob");
            int n = 1_000; // far more than the queue holds, all in one go
            for (int i = 0; i < n; i++) alice.send(sendFrame(b, "s" + i, "s" + i).setId(3_000_000L + i).build());
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Frame f = alice.awaitResponse(3_000_000L + i, Duration.ofSeconds(60));
                assertThat(f.hasSendAck()).as("answer to send %d: %s", i, f).isTrue();
                sent.add("s" + i);
            }
            assertThat(server.server().features().messages().writer().readPauses())
                    .as("the connection was paused while the queue was half full").isPositive();
            try (RawClient bob = Chat.secondDevice(server, "bob")) {
                assertThat(syncAll(bob, 0)).extracting(Chat::text).containsExactlyElementsOf(sent);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_full_send_queue_answers_unavailable_and_every_acked_message_is_stored(TestDatabase db) {
        // One connection cannot fill the queue any more (it is paused at half): many at once can.
        try (TestServer server = Chat.builder(db)
                .set(MessageSettings.SEND_QUEUE_CAPACITY, 1).set(MessageSettings.SEND_BATCH_MAX, 1).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);
            List<RawClient> devices = new ArrayList<>();
            for (int d = 0; d < 8; d++) devices.add(Chat.secondDevice(server, "alice"));
            int perDevice = 25;
            try {
                for (int i = 0; i < perDevice; i++) {
                    for (int d = 0; d < devices.size(); d++) {
                        devices.get(d).send(sendFrame(b, "d" + d + "-" + i, "d" + d + "-" + i).setId(2_000_000L + i).build());
                    }
                }
                List<String> acked = new ArrayList<>();
                List<List<String>> ackedByDevice = new ArrayList<>();
                int refused = 0;
                for (int d = 0; d < devices.size(); d++) {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < perDevice; i++) {
                        Frame f = devices.get(d).awaitResponse(2_000_000L + i, Duration.ofSeconds(30));
                        if (f.hasSendAck()) {
                            mine.add("d" + d + "-" + i);
                        } else {
                            assertThat(f.getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
                            assertThat(f.getError().getRetryAfterSeconds()).isPositive();
                            refused++;
                        }
                    }
                    acked.addAll(mine);
                    ackedByDevice.add(mine);
                }
                assertThat(refused).as("a bounded queue refuses rather than grows").isPositive();
                List<String> received = syncAll(bob, 0).stream().map(Chat::text).toList();
                assertThat(received).containsExactlyInAnyOrderElementsOf(acked);
                for (List<String> mine : ackedByDevice) {
                    assertThat(received.stream().filter(mine::contains).toList()).as("one device's order").isEqualTo(mine);
                }
            } finally {
                devices.forEach(RawClient::close);
            }
        }
    }
}
