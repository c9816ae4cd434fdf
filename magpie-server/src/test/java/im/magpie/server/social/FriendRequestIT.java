package im.magpie.server.social;

import static im.magpie.server.social.SocialTestSupport.answer;
import static im.magpie.server.social.SocialTestSupport.assertError;
import static im.magpie.server.social.SocialTestSupport.befriend;
import static im.magpie.server.social.SocialTestSupport.expectNoPush;
import static im.magpie.server.social.SocialTestSupport.expectPush;
import static im.magpie.server.social.SocialTestSupport.friendRequestEvent;
import static im.magpie.server.social.SocialTestSupport.id;
import static im.magpie.server.social.SocialTestSupport.presenceOf;
import static im.magpie.server.social.SocialTestSupport.sendRequest;
import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.BlockUserRequest;
import im.magpie.protocol.proto.CancelFriendRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Friend;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.FriendRequestList;
import im.magpie.protocol.proto.FriendRequestState;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.ListFriendRequestsRequest;
import im.magpie.protocol.proto.ListFriendsRequest;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.SendFriendRequest;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.testkit.ManualClock;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FriendRequestIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    static List<TestDatabase> databases() {
        return SocialTestSupport.databases();
    }

    private static FriendRequestList requests(RawClient c) {
        return c.request(Frame.newBuilder().setListFriendRequests(ListFriendRequestsRequest.getDefaultInstance())).getFriendRequestList();
    }

    private static List<Long> friendIds(RawClient c) {
        return c.request(Frame.newBuilder().setListFriends(ListFriendsRequest.getDefaultInstance())).getFriendList()
                .getFriendsList().stream().map(f -> f.getProfile().getUserId()).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_request_reaches_the_target_live_and_accepting_makes_both_friends_and_tells_the_requester(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            long a = id(alice);
            long b = id(bob);
            FriendRequest sent = sendRequest(alice, "bob", "hi, it's Alice 你好").getFriendRequest();
            assertThat(sent.getState()).isEqualTo(FriendRequestState.PENDING);
            assertThat(sent.getFrom().getUserId()).isEqualTo(a);
            assertThat(sent.getTo().getUserId()).isEqualTo(b);
            assertThat(sent.getExpiresMs() - sent.getCreatedMs()).isEqualTo(Duration.ofDays(30).toMillis());

            Frame live = expectPush(bob, friendRequestEvent(FriendRequestState.PENDING), "request to bob");
            FriendRequest received = live.getEvent().getEvent().getFriendRequest();
            assertThat(received.getRequestId()).isEqualTo(sent.getRequestId());
            assertThat(received.getNote()).isEqualTo("hi, it's Alice 你好");
            assertThat(received.getFrom().getUsername()).isEqualTo("alice");
            assertThat(requests(bob).getIncomingList()).extracting(FriendRequest::getRequestId).containsExactly(sent.getRequestId());
            assertThat(requests(alice).getOutgoingList()).extracting(FriendRequest::getRequestId).containsExactly(sent.getRequestId());

            FriendRequest accepted = answer(bob, sent.getRequestId(), true).getFriendRequest();
            assertThat(accepted.getState()).isEqualTo(FriendRequestState.ACCEPTED);
            assertThat(accepted.getAnsweredMs()).isPositive();
            expectPush(alice, friendRequestEvent(FriendRequestState.ACCEPTED), "alice told of the acceptance");
            expectPush(alice, presenceOf(b, PresenceStatus.ONLINE), "alice learns bob is online");
            expectPush(bob, presenceOf(a, PresenceStatus.ONLINE), "bob learns alice is online");

            assertThat(friendIds(alice)).containsExactly(b);
            assertThat(friendIds(bob)).containsExactly(a);
            assertThat(requests(bob).getIncomingList()).isEmpty();
            assertThat(requests(alice).getOutgoingList()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rejecting_tells_the_requester_and_makes_no_friendship(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            FriendRequest sent = sendRequest(alice, "bob", "").getFriendRequest();
            FriendRequest rejected = answer(bob, sent.getRequestId(), false).getFriendRequest();
            assertThat(rejected.getState()).isEqualTo(FriendRequestState.REJECTED);
            Frame told = expectPush(alice, friendRequestEvent(FriendRequestState.REJECTED), "alice told of the rejection");
            assertThat(told.getEvent().getEvent().getFriendRequest().getRequestId()).isEqualTo(sent.getRequestId());
            assertThat(friendIds(alice)).isEmpty();
            assertThat(friendIds(bob)).isEmpty();
            assertError(answer(bob, sent.getRequestId(), true), ErrorCode.CONFLICT);
            assertThat(friendIds(bob)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_request_to_an_offline_user_reaches_them_on_login_in_the_login_answer_and_in_sync(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start()) {
            RawClient.registered(server, "bob").close();
            long requestId;
            try (RawClient alice = RawClient.registered(server, "alice")) {
                requestId = sendRequest(alice, "bob", "remember me?").getFriendRequest().getRequestId();
            }
            RawClient[] holder = new RawClient[1];
            LoginOk ok = SocialTestSupport.loginOk(server, "bob", holder);
            try (RawClient bob = holder[0]) {
                assertThat(ok.getPendingFriendRequestsList()).extracting(FriendRequest::getRequestId).containsExactly(requestId);
                assertThat(ok.getPendingFriendRequests(0).getNote()).isEqualTo("remember me?");
                assertThat(ok.getLatestSeq()).isEqualTo(1);
                List<InboxEvent> events = bob.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(0).setLimit(10)))
                        .getSyncPage().getEventsList();
                assertThat(events).hasSize(1);
                assertThat(events.get(0).getFriendRequest().getRequestId()).isEqualTo(requestId);
                FriendRequest accepted = answer(bob, requestId, true).getFriendRequest();
                assertThat(accepted.getState()).isEqualTo(FriendRequestState.ACCEPTED);
            }
            RawClient[] again = new RawClient[1];
            LoginOk aliceOk = SocialTestSupport.loginOk(server, "alice", again);
            try (RawClient alice = again[0]) {
                assertThat(aliceOk.getPendingFriendRequestsList()).isEmpty();
                assertThat(aliceOk.getFriends().getFriendsList()).extracting(f -> f.getProfile().getUsername()).containsExactly("bob");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void edge_cases_oneself_existing_friend_and_unknown_user_are_refused_with_typed_errors(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            assertError(sendRequest(alice, "alice", ""), ErrorCode.BAD_REQUEST);
            assertError(alice.request(Frame.newBuilder().setSendFriendRequest(SendFriendRequest.newBuilder().setUserId(id(alice)))),
                    ErrorCode.BAD_REQUEST);
            assertError(sendRequest(alice, "nobody", ""), ErrorCode.NOT_FOUND);
            assertError(alice.request(Frame.newBuilder().setSendFriendRequest(SendFriendRequest.newBuilder().setUserId(123456789L))),
                    ErrorCode.NOT_FOUND);
            befriend(alice, bob, "bob");
            assertError(sendRequest(alice, "bob", ""), ErrorCode.CONFLICT);
            assertError(sendRequest(bob, "ALICE", ""), ErrorCode.CONFLICT);
            assertThat(requests(alice).getOutgoingList()).isEmpty();
            assertThat(requests(bob).getOutgoingList()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_repeated_request_returns_the_same_pending_request_and_is_delivered_once(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            FriendRequest first = sendRequest(alice, "bob", "first").getFriendRequest();
            FriendRequest second = sendRequest(alice, "bob", "second").getFriendRequest();
            assertThat(second.getRequestId()).isEqualTo(first.getRequestId());
            assertThat(second.getNote()).isEqualTo("first");
            assertThat(second.getState()).isEqualTo(FriendRequestState.PENDING);
            expectPush(bob, friendRequestEvent(FriendRequestState.PENDING), "the request");
            expectNoPush(bob, friendRequestEvent(FriendRequestState.PENDING), QUIET);
            assertThat(requests(bob).getIncomingList()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void crossing_requests_make_both_friends_and_tell_both(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            FriendRequest aToB = sendRequest(alice, "bob", "").getFriendRequest();
            FriendRequest bToA = sendRequest(bob, "alice", "").getFriendRequest();
            assertThat(bToA.getRequestId()).isEqualTo(aToB.getRequestId());
            assertThat(bToA.getState()).isEqualTo(FriendRequestState.ACCEPTED);
            expectPush(alice, friendRequestEvent(FriendRequestState.ACCEPTED), "alice told");
            expectPush(bob, friendRequestEvent(FriendRequestState.ACCEPTED), "bob told");
            assertThat(friendIds(alice)).containsExactly(id(bob));
            assertThat(friendIds(bob)).containsExactly(id(alice));
            assertThat(requests(alice).getOutgoingList()).isEmpty();
            assertThat(requests(bob).getIncomingList()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_request_to_someone_who_blocks_the_requester_looks_sent_but_never_reaches_them(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            assertThat(bob.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(id(alice)))).hasOk()).isTrue();
            Frame answer = sendRequest(alice, "bob", "please");
            assertThat(answer.hasFriendRequest()).as("looks sent: %s", answer).isTrue();
            assertThat(answer.getFriendRequest().getState()).isEqualTo(FriendRequestState.PENDING);
            FriendRequest again = sendRequest(alice, "bob", "please").getFriendRequest();
            assertThat(again.getRequestId()).isEqualTo(answer.getFriendRequest().getRequestId());
            expectNoPush(bob, f -> f.hasEvent(), QUIET);
            assertThat(requests(bob).getIncomingList()).isEmpty();
            assertThat(requests(alice).getOutgoingList()).hasSize(1);
            assertError(answer(bob, again.getRequestId(), true), ErrorCode.NOT_FOUND);
            assertThat(friendIds(bob)).isEmpty();
            // The blocker asking the blocked: refused, and it says why (they know whom they block).
            assertError(sendRequest(bob, "alice", ""), ErrorCode.CONFLICT);
            bob.close();
            RawClient[] holder = new RawClient[1];
            LoginOk ok = SocialTestSupport.loginOk(server, "bob", holder);
            holder[0].close();
            assertThat(ok.getPendingFriendRequestsList()).isEmpty();
            assertThat(ok.getLatestSeq()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void after_an_unblock_asking_again_makes_a_request_the_target_sees(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            bob.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(id(alice))));
            FriendRequest hidden = sendRequest(alice, "bob", "first").getFriendRequest();
            bob.request(Frame.newBuilder().setUnblockUser(im.magpie.protocol.proto.UnblockUserRequest.newBuilder().setUserId(id(alice))));
            assertThat(requests(bob).getIncomingList()).as("the request made while blocked stays hidden").isEmpty();
            FriendRequest fresh = sendRequest(alice, "bob", "second").getFriendRequest();
            assertThat(fresh.getRequestId()).isNotEqualTo(hidden.getRequestId());
            Frame live = expectPush(bob, friendRequestEvent(FriendRequestState.PENDING), "bob sees the new request");
            assertThat(live.getEvent().getEvent().getFriendRequest().getNote()).isEqualTo("second");
            assertThat(requests(alice).getOutgoingList()).extracting(FriendRequest::getRequestId).containsExactly(fresh.getRequestId());
            assertThat(answer(bob, fresh.getRequestId(), true).getFriendRequest().getState()).isEqualTo(FriendRequestState.ACCEPTED);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void blocking_someone_cancels_ones_own_request_to_them_and_hides_theirs(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            FriendRequest toBob = sendRequest(alice, "bob", "").getFriendRequest();
            FriendRequest fromCarol = sendRequest(carol, "alice", "").getFriendRequest();
            alice.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(id(bob))));
            alice.request(Frame.newBuilder().setBlockUser(BlockUserRequest.newBuilder().setUserId(id(carol))));
            expectPush(bob, friendRequestEvent(FriendRequestState.CANCELLED), "bob sees alice's request withdrawn");
            assertThat(requests(bob).getIncomingList()).isEmpty();
            assertThat(requests(alice).getIncomingList()).isEmpty();
            assertThat(requests(alice).getOutgoingList()).isEmpty();
            // carol is not told: her request still looks pending to her
            assertThat(requests(carol).getOutgoingList()).extracting(FriendRequest::getRequestId).containsExactly(fromCarol.getRequestId());
            expectNoPush(carol, f -> f.hasEvent() && f.getEvent().getEvent().getFriendRequest().getState() != FriendRequestState.PENDING, QUIET);
            assertError(answer(alice, fromCarol.getRequestId(), true), ErrorCode.NOT_FOUND);
            assertThat(toBob.getRequestId()).isNotZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void answering_a_request_never_made_not_ones_own_or_already_answered_is_refused(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob");
             RawClient carol = RawClient.registered(server, "carol")) {
            assertError(answer(bob, 987654321L, true), ErrorCode.NOT_FOUND);
            FriendRequest sent = sendRequest(alice, "bob", "").getFriendRequest();
            assertError(answer(alice, sent.getRequestId(), true), ErrorCode.NOT_FOUND);
            assertError(answer(carol, sent.getRequestId(), true), ErrorCode.NOT_FOUND);
            assertThat(answer(bob, sent.getRequestId(), true).getFriendRequest().getState()).isEqualTo(FriendRequestState.ACCEPTED);
            assertError(answer(bob, sent.getRequestId(), false), ErrorCode.CONFLICT);
            assertThat(friendIds(bob)).containsExactly(id(alice));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_requester_can_cancel_and_the_target_is_told(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            FriendRequest sent = sendRequest(alice, "bob", "").getFriendRequest();
            assertError(cancel(bob, sent.getRequestId()), ErrorCode.NOT_FOUND);
            FriendRequest cancelled = cancel(alice, sent.getRequestId()).getFriendRequest();
            assertThat(cancelled.getState()).isEqualTo(FriendRequestState.CANCELLED);
            expectPush(bob, friendRequestEvent(FriendRequestState.CANCELLED), "bob sees it withdrawn");
            assertThat(requests(bob).getIncomingList()).isEmpty();
            assertError(cancel(alice, sent.getRequestId()), ErrorCode.CONFLICT);
            assertError(answer(bob, sent.getRequestId(), true), ErrorCode.CONFLICT);
            // a new request after a cancel is a new request
            FriendRequest again = sendRequest(alice, "bob", "").getFriendRequest();
            assertThat(again.getRequestId()).isNotEqualTo(sent.getRequestId());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_over_long_note_is_refused_and_nothing_is_sent(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            assertError(sendRequest(alice, "bob", "x".repeat(201)), ErrorCode.BAD_REQUEST);
            assertError(sendRequest(alice, "bob", "bad\u0000note"), ErrorCode.BAD_REQUEST);
            assertThat(requests(bob).getIncomingList()).isEmpty();
            assertThat(requests(alice).getOutgoingList()).isEmpty();
            FriendRequest ok = sendRequest(alice, "bob", "好".repeat(200)).getFriendRequest();
            assertThat(ok.getNote()).hasSize(200);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_request_expires_after_the_configured_days(TestDatabase db) {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.builder().database(db).clock(clock)
                .set(SocialSettings.FRIEND_REQUEST_TTL_DAYS, 2).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            FriendRequest sent = sendRequest(alice, "bob", "").getFriendRequest();
            assertThat(sent.getExpiresMs() - sent.getCreatedMs()).isEqualTo(Duration.ofDays(2).toMillis());
            clock.advance(Duration.ofDays(2).plusSeconds(1));
            assertThat(requests(bob).getIncomingList()).isEmpty();
            assertThat(requests(alice).getOutgoingList()).isEmpty();
            Frame late = answer(bob, sent.getRequestId(), true);
            assertError(late, ErrorCode.CONFLICT);
            assertThat(late.getError().getMessage()).contains("expired");
            assertThat(friendIds(bob)).isEmpty();
            FriendRequest fresh = sendRequest(alice, "bob", "").getFriendRequest();
            assertThat(fresh.getRequestId()).isNotEqualTo(sent.getRequestId());
            assertThat(fresh.getState()).isEqualTo(FriendRequestState.PENDING);
            assertThat(answer(bob, fresh.getRequestId(), true).getFriendRequest().getState()).isEqualTo(FriendRequestState.ACCEPTED);
        }
    }

    private static Frame cancel(RawClient c, long requestId) {
        return c.request(Frame.newBuilder().setCancelFriendRequest(CancelFriendRequest.newBuilder().setRequestId(requestId)));
    }

    @SuppressWarnings("unused")
    private static List<Long> ids(List<Friend> friends) {
        return friends.stream().map(f -> f.getProfile().getUserId()).toList();
    }
}
