package im.magpie.server.social;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.AnswerFriendRequest;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.SendFriendRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Shorthands for the social ITs. */
final class SocialTestSupport {
    private SocialTestSupport() {}

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    static long id(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    static Frame sendRequest(RawClient from, String toUsername, String note) {
        return from.request(Frame.newBuilder().setSendFriendRequest(
                SendFriendRequest.newBuilder().setUsername(toUsername).setNote(note)));
    }

    static Frame answer(RawClient c, long requestId, boolean accept) {
        return c.request(Frame.newBuilder().setAnswerFriendRequest(
                AnswerFriendRequest.newBuilder().setRequestId(requestId).setAccept(accept)));
    }

    /** Makes the two logged-in users friends (a asks, b accepts). */
    static void befriend(RawClient a, RawClient b, String bUsername) {
        FriendRequest sent = sendRequest(a, bUsername, "").getFriendRequest();
        assertThat(sent.getRequestId()).isNotZero();
        Frame accepted = answer(b, sent.getRequestId(), true);
        assertThat(accepted.getFriendRequest().getState()).isEqualTo(im.magpie.protocol.proto.FriendRequestState.ACCEPTED);
    }

    static RawClient login(TestServer server, String username) {
        RawClient c = RawClient.connect(server);
        Frame f = c.login(username, "password-123");
        assertThat(f.hasLoginOk()).as("login of %s: %s", username, f).isTrue();
        return c;
    }

    static LoginOk loginOk(TestServer server, String username, RawClient[] out) {
        RawClient c = RawClient.connect(server);
        Frame f = c.login(username, "password-123");
        assertThat(f.hasLoginOk()).isTrue();
        out[0] = c;
        return f.getLoginOk();
    }

    static void assertError(Frame f, ErrorCode code) {
        assertThat(f.hasError()).as("expected %s but got %s", code, f).isTrue();
        assertThat(f.getError().getCode()).isEqualTo(code);
    }

    /** The next push matching {@code match} within {@code timeout}; others are dropped. */
    static Optional<Frame> awaitPush(RawClient c, Predicate<Frame> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return Optional.empty();
            Optional<Frame> f = c.nextPush(Duration.ofNanos(left));
            if (f.isEmpty()) return f;
            if (match.test(f.get())) return f;
        }
    }

    static Frame expectPush(RawClient c, Predicate<Frame> match, String what) {
        return awaitPush(c, match, Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("no push: " + what));
    }

    /** Asserts no push matching {@code match} arrives within {@code wait}. */
    static void expectNoPush(RawClient c, Predicate<Frame> match, Duration wait) {
        assertThat(awaitPush(c, match, wait)).isEmpty();
    }

    static Predicate<Frame> friendRequestEvent(im.magpie.protocol.proto.FriendRequestState state) {
        return f -> f.hasEvent() && f.getEvent().getEvent().hasFriendRequest()
                && f.getEvent().getEvent().getFriendRequest().getState() == state;
    }

    static Predicate<Frame> presenceOf(long userId, im.magpie.protocol.proto.PresenceStatus status) {
        return f -> f.hasPresenceChanged() && f.getPresenceChanged().getUserId() == userId
                && f.getPresenceChanged().getPresence() == status;
    }
}
