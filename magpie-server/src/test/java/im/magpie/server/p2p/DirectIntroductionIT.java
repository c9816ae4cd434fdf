package im.magpie.server.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.AnswerDirectRequest;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.DirectCandidate;
import im.magpie.protocol.proto.DirectEndpoint;
import im.magpie.protocol.proto.DirectOffer;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.OpenDirectRequest;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Introductions on a real server with raw clients: each side gets the other's candidates, the
 * address the server saw it connect from and its fingerprint; every refusal is typed; a message
 * reported as delivered directly is stored in both inboxes but not pushed to the recipient.
 */
class DirectIntroductionIT {
    private static final String ALICE_FP = "a".repeat(64);
    private static final String BOB_FP = "b".repeat(64);
    private static int counter;

    private static synchronized String name(String base) {
        return base + (++counter) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    private static long id(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    private static void befriend(TestServer server, long a, long b) {
        server.server().context().database().jdbi().useTransaction(tx ->
                server.server().features().social().graph().befriend(tx, a, b, System.currentTimeMillis()));
    }

    private static DirectEndpoint endpoint(String fingerprint, int port, String... hosts) {
        DirectEndpoint.Builder e = DirectEndpoint.newBuilder().setFingerprint(fingerprint).setPort(port);
        for (String h : hosts) e.addCandidates(DirectCandidate.newBuilder().setHost(h).setPort(port));
        return e.build();
    }

    private static Frame.Builder open(long to, DirectEndpoint mine) {
        return Frame.newBuilder().setOpenDirect(OpenDirectRequest.newBuilder().setUserId(to).setEndpoint(mine));
    }

    private static DirectOffer nextOffer(RawClient c) {
        while (true) {
            Frame push = c.nextPush(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("no offer"));
            if (push.hasDirectOffer()) return push.getDirectOffer();
        }
    }

    @Test
    void each_side_gets_the_others_candidates_observed_address_and_fingerprint() {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, name("alice"));
             RawClient bob = RawClient.registered(server, name("bob"))) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);

            alice.send(open(b, endpoint(ALICE_FP, 40001, "192.0.2.10")).setId(77).build());
            DirectOffer offer = nextOffer(bob);
            assertThat(offer.getFromUserId()).isEqualTo(a);
            assertThat(offer.getEndpoint().getFingerprint()).isEqualTo(ALICE_FP);
            assertThat(offer.getEndpoint().getCandidatesList()).containsExactly(
                    DirectCandidate.newBuilder().setHost("192.0.2.10").setPort(40001).build(),
                    DirectCandidate.newBuilder().setHost("127.0.0.1").setPort(40001).setObserved(true).build());

            Frame ok = bob.request(Frame.newBuilder().setAnswerDirect(AnswerDirectRequest.newBuilder()
                    .setIntroId(offer.getIntroId()).setAccept(true).setEndpoint(endpoint(BOB_FP, 40002))));
            assertThat(ok.hasOk()).as(ok.toString()).isTrue();
            Frame intro = alice.awaitResponse(77, Duration.ofSeconds(5));
            assertThat(intro.getDirectIntroduction().getUserId()).isEqualTo(b);
            assertThat(intro.getDirectIntroduction().getEndpoint().getFingerprint()).isEqualTo(BOB_FP);
            assertThat(intro.getDirectIntroduction().getEndpoint().getCandidatesList()).containsExactly(
                    DirectCandidate.newBuilder().setHost("127.0.0.1").setPort(40002).setObserved(true).build());

            // A second answer (another of Bob's devices) finds the introduction gone.
            Frame late = bob.request(Frame.newBuilder().setAnswerDirect(AnswerDirectRequest.newBuilder()
                    .setIntroId(offer.getIntroId()).setAccept(true).setEndpoint(endpoint(BOB_FP, 40003))));
            assertThat(late.getError().getCode()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(server.server().features().p2p().introductions().introduced()).isEqualTo(1);
        }
    }

    @Test
    void refusals_are_typed_and_change_nothing() {
        try (TestServer server = TestServer.builder().set(P2pSettings.INTRO_TIMEOUT_MILLIS, 300).start();
             RawClient alice = RawClient.registered(server, name("alice"));
             RawClient bob = RawClient.registered(server, name("bob"));
             RawClient stranger = RawClient.registered(server, name("eve"))) {
            long a = id(alice);
            long b = id(bob);
            long e = id(stranger);
            befriend(server, a, b);
            DirectEndpoint mine = endpoint(ALICE_FP, 40001);

            assertThat(alice.request(open(e, mine)).getError().getCode()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(alice.request(open(a, mine)).getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(alice.request(open(b, endpoint("not-hex", 40001))).getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(alice.request(open(b, endpoint(ALICE_FP, 40001, "evil.example.com"))).getError().getCode())
                    .isEqualTo(ErrorCode.BAD_REQUEST);
            DirectEndpoint.Builder many = mine.toBuilder();
            for (int i = 0; i < 17; i++) many.addCandidates(DirectCandidate.newBuilder().setHost("10.0.0." + i).setPort(1));
            assertThat(alice.request(open(b, many.build())).getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);

            // Bob's device never answers: UNAVAILABLE after the timeout. Then it declines: CONFLICT.
            assertThat(alice.request(open(b, mine)).getError().getCode()).isEqualTo(ErrorCode.UNAVAILABLE);
            DirectOffer ignored = nextOffer(bob);
            assertThat(stranger.request(Frame.newBuilder().setAnswerDirect(AnswerDirectRequest.newBuilder()
                    .setIntroId(ignored.getIntroId()).setAccept(true).setEndpoint(endpoint(BOB_FP, 1))))
                    .getError().getCode()).isEqualTo(ErrorCode.NOT_FOUND);
            alice.send(open(b, mine).setId(91).build());
            DirectOffer offer = nextOffer(bob);
            bob.request(Frame.newBuilder().setAnswerDirect(AnswerDirectRequest.newBuilder().setIntroId(offer.getIntroId())));
            assertThat(alice.awaitResponse(91, Duration.ofSeconds(5)).getError().getCode()).isEqualTo(ErrorCode.CONFLICT);

            bob.close();
            org.awaitility.Awaitility.await().until(() -> !server.server().context().router().isOnline(b));
            assertThat(alice.request(open(b, mine)).getError().getCode()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(server.server().features().p2p().introductions().introduced()).isZero();
        }
    }

    @Test
    void a_server_with_direct_channels_off_says_so() {
        try (TestServer server = TestServer.builder().set(P2pSettings.DIRECT_CHANNELS, false).start();
             RawClient alice = RawClient.registered(server, name("alice"));
             RawClient bob = RawClient.registered(server, name("bob"))) {
            befriend(server, id(alice), id(bob));
            Frame refused = alice.request(open(id(bob), endpoint(ALICE_FP, 40001)));
            assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(refused.getError().getMessage()).contains("turned off");
        }
    }

    @Test
    void a_message_reported_as_delivered_directly_is_stored_for_both_but_not_pushed_to_the_recipient() {
        try (TestServer server = TestServer.start();
             RawClient alice = RawClient.registered(server, name("alice"));
             RawClient bob = RawClient.registered(server, name("bob"))) {
            long a = id(alice);
            long b = id(bob);
            befriend(server, a, b);
            Frame ack = alice.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                    .setClientMsgId("direct-1").setTo(Peer.newBuilder().setUserId(b)).setDeliveredDirectly(true)
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("sent directly")))));
            assertThat(ack.hasSendAck()).as(ack.toString()).isTrue();
            Frame relayedAck = alice.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                    .setClientMsgId("relayed-1").setTo(Peer.newBuilder().setUserId(b))
                    .setContent(Content.newBuilder().setText(Text.newBuilder().setText("relayed")))));
            assertThat(relayedAck.hasSendAck()).isTrue();

            // Bob is pushed only the relayed one; his inbox holds both, the first marked.
            Optional<Frame> push = bob.nextPush(Duration.ofSeconds(5));
            assertThat(push).get().extracting(f -> f.getEvent().getEvent().getMessage().getClientMsgId()).isEqualTo("relayed-1");
            List<InboxEvent> inbox = bob.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setLimit(50)))
                    .getSyncPage().getEventsList();
            assertThat(inbox).filteredOn(InboxEvent::hasMessage).extracting(ev -> ev.getMessage().getClientMsgId(),
                    ev -> ev.getMessage().getDeliveredDirectly()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("direct-1", true), org.assertj.core.groups.Tuple.tuple("relayed-1", false));
            assertThat(server.server().features().messages().reportedDirect()).isEqualTo(1);
            assertThat(server.server().features().messages().relayedOneToOne()).isEqualTo(1);
        }
    }
}
