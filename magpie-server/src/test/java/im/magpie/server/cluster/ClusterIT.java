package im.magpie.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import im.magpie.protocol.proto.AnswerFriendRequest;
import im.magpie.protocol.proto.AnswerGroupInvitation;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Ping;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.ReceiptRequest;
import im.magpie.protocol.proto.RecallRequest;
import im.magpie.protocol.proto.SendFriendRequest;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.SetStatusRequest;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.UpdateProfileRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.protocol.proto.AnswerDirectRequest;
import im.magpie.protocol.proto.DirectCandidate;
import im.magpie.protocol.proto.DirectEndpoint;
import im.magpie.protocol.proto.DirectOffer;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.OpenDirectRequest;
import im.magpie.server.account.AccountSettings;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.config.Setting;
import java.util.Map;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TcpProxy;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestRedis;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Nodes on loopback sharing the real PostgreSQL and Redis (run when MAGPIE_TEST_REDIS_URL is set;
 * it needs MAGPIE_TEST_POSTGRES_URL too, and fails if either is unreachable). In-JVM nodes here;
 * a node killed with SIGKILL is a child JVM in {@link NodeKillIT}.
 */
@EnabledIf("im.magpie.testkit.TestRedis#isEnabled")
class ClusterIT {
    static final Duration WAIT = Duration.ofSeconds(15);

    private String prefix;
    private TestDatabase.Created database;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void sharedDatabase() {
        if (!TestDatabase.POSTGRESQL.isEnabled()) fail("the cluster suites need MAGPIE_TEST_POSTGRES_URL as well as MAGPIE_TEST_REDIS_URL");
        prefix = TestRedis.newPrefix();
        database = TestDatabase.POSTGRESQL.create();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
        database.close();
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void friendsOnThreeNodesSeeRequestsMessagesReceiptsRecallsGroupsProfilesAndPresence() {
        TestServer n1 = node(1, TestRedis.url()), n2 = node(2, TestRedis.url()), n3 = node(3, TestRedis.url());
        RawClient alice = user(n1, "alice"), bob = user(n2, "bob"), carol = user(n3, "carol");
        long aliceId = id(alice), bobId = id(bob), carolId = id(carol);

        long request = alice.request(Frame.newBuilder().setSendFriendRequest(SendFriendRequest.newBuilder().setUsername("bob")))
                .getFriendRequest().getRequestId();
        expect(bob, f -> f.hasEvent() && f.getEvent().getEvent().hasFriendRequest(), "bob hears of alice's request on another node");
        bob.request(Frame.newBuilder().setAnswerFriendRequest(AnswerFriendRequest.newBuilder().setRequestId(request).setAccept(true)));
        expect(alice, f -> f.hasEvent() && f.getEvent().getEvent().hasFriendRequest(), "alice hears bob accepted");
        expect(alice, presence(bobId, PresenceStatus.ONLINE), "alice sees bob online");

        long m1 = send(alice, Peer.newBuilder().setUserId(bobId), "c1", "跨节点 hello");
        InboxEvent got = expect(bob, f -> f.hasEvent() && f.getEvent().getEvent().hasMessage(), "bob gets alice's message").getEvent().getEvent();
        assertThat(got.getMessage().getContent().getText().getText()).isEqualTo("跨节点 hello");
        bob.request(Frame.newBuilder().setReceipt(ReceiptRequest.newBuilder().setPeer(Peer.newBuilder().setUserId(aliceId))
                .setKind(ReceiptKind.READ).setUpToMessageId(m1)));
        expect(alice, f -> f.hasEvent() && f.getEvent().getEvent().hasReceipt(), "alice gets bob's read receipt");
        alice.request(Frame.newBuilder().setRecall(RecallRequest.newBuilder().setMessageId(m1)));
        expect(bob, f -> f.hasEvent() && f.getEvent().getEvent().hasRecall(), "bob sees the recall");

        alice.request(Frame.newBuilder().setUpdateProfile(UpdateProfileRequest.newBuilder().setNickname("Alice 二")));
        expect(bob, f -> f.toString().contains("Alice \\344\\272\\214") || f.toString().contains("Alice 二"), "bob sees alice's new nickname");
        alice.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.BUSY)));
        expect(bob, presence(aliceId, PresenceStatus.BUSY), "bob sees alice busy");
        alice.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.INVISIBLE)));
        expect(bob, presence(aliceId, PresenceStatus.OFFLINE), "alice turned invisible looks offline to bob");
        try (RawClient bobOnN3 = RawClient.connect(n3)) {
            var login = bobOnN3.login("bob", "password-123").getLoginOk();
            assertThat(login.getFriends().getFriendsList()).as("a login answer on a third node keeps alice invisible")
                    .isNotEmpty().allSatisfy(friend -> assertThat(friend.getProfile().getPresence()).isEqualTo(PresenceStatus.OFFLINE));
        }
        alice.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.ONLINE)));

        long group = alice.request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder().setName("三节点")
                .setJoinPolicy(JoinPolicy.INVITE_ONLY).addInviteUserIds(bobId).addInviteUserIds(carolId))).getGroupInfo().getGroupId();
        expect(carol, f -> f.hasEvent() && f.getEvent().getEvent().hasGroupNotice(), "carol is invited from another node");
        carol.request(Frame.newBuilder().setAnswerGroupInvitation(AnswerGroupInvitation.newBuilder().setGroupId(group).setAccept(true)));
        bob.request(Frame.newBuilder().setAnswerGroupInvitation(AnswerGroupInvitation.newBuilder().setGroupId(group).setAccept(true)));
        send(carol, Peer.newBuilder().setGroupId(group), "g1", "大家好");
        expect(alice, groupText("大家好"), "alice gets carol's group message");
        expect(bob, groupText("大家好"), "bob gets carol's group message");

        // Logging out everywhere, asked on another node than the user's devices.
        RawClient bob2 = user2(n3, "bob");
        n1.server().context().router().disconnect(bobId, "");
        assertThat(bob.isClosedByServer(WAIT)).as("bob's device on node 2 is closed").isTrue();
        assertThat(bob2.isClosedByServer(WAIT)).as("bob's device on node 3 is closed").isTrue();
        expect(alice, presence(bobId, PresenceStatus.OFFLINE), "alice sees bob go offline on other nodes");
    }

    RawClient user2(TestServer node, String name) {
        RawClient c = RawClient.connect(node);
        closing.add(c);
        assertThat(c.login(name, "password-123").hasLoginOk()).isTrue();
        return c;
    }

    @Test
    void whileRedisIsCutANodeServesAndStoresItsUsersCatchUpBySyncAndItRejoinsByItself() throws Exception {
        TcpProxy proxy = new TcpProxy(TestRedis.port());
        closing.add(proxy);
        TestServer n1 = node(1, TestRedis.url());
        TestServer n2 = node(2, "redis://127.0.0.1:" + proxy.port());
        RawClient alice = user(n1, "alice"), bob = user(n2, "bob");
        long bobId = id(bob);
        befriend(alice, bob, "bob");
        expect(alice, presence(bobId, PresenceStatus.ONLINE), "alice sees bob online");

        proxy.refuse(true);
        proxy.cut();
        // n2 cannot refresh its entry: n1 reaps it and tells alice bob is offline.
        expect(alice, presence(bobId, PresenceStatus.OFFLINE), "alice sees bob's node gone");
        List<Long> acked = new ArrayList<>();
        for (int i = 0; i < 5; i++) acked.add(send(alice, Peer.newBuilder().setUserId(bobId), "cut" + i, "while cut " + i));
        // bob's node keeps serving him; his heartbeat tells him what he missed; sync brings it.
        awaitTrue(() -> bob.request(Frame.newBuilder().setPing(Ping.getDefaultInstance())).getPong().getLatestSeq()
                >= dbHead(n1, bobId), "bob's Pong reports the events stored on the other node");
        List<Long> synced = syncMessageIds(bob);
        assertThat(synced).containsAll(acked);
        assertThat(send(bob, Peer.newBuilder().setUserId(id(alice)), "b1", "bob still sends")).isPositive();

        proxy.refuse(false);
        expect(alice, presence(bobId, PresenceStatus.ONLINE), "bob's node rejoined: alice sees him online again");
        send(alice, Peer.newBuilder().setUserId(bobId), "after", "after the cut");
        expect(bob, f -> f.hasEvent() && f.getEvent().getEvent().getMessage().getClientMsgId().equals("after"), "pushes cross nodes again");
    }

    @Test
    void aChosenStatusIsKnownToANodeStartedAfterItWasChosen() {
        TestServer n1 = node(1, TestRedis.url());
        RawClient alice = user(n1, "alice"), bob = user(n1, "bob");
        long aliceId = id(alice);
        befriend(alice, bob, "bob");
        alice.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.BUSY)));

        TestServer n2 = node(2, TestRedis.url());
        assertThat(friendPresence(n2, "bob", aliceId)).as("bob logging in on a node started later sees alice busy")
                .isEqualTo(PresenceStatus.BUSY);
        alice.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.INVISIBLE)));
        TestServer n3 = node(3, TestRedis.url());
        assertThat(friendPresence(n3, "bob", aliceId)).as("invisible stays invisible on a node started later")
                .isEqualTo(PresenceStatus.OFFLINE);
        try (RawClient aliceOnN3 = RawClient.connect(n3)) {
            assertThat(aliceOnN3.login("alice", "password-123").getLoginOk().getSelf().getPresence())
                    .as("alice's own second device sees her choice").isEqualTo(PresenceStatus.INVISIBLE);
        }
        alice.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.ONLINE)));
        awaitTrue(() -> friendPresence(n3, "bob", aliceId) == PresenceStatus.ONLINE, "back to online is seen on node 3");
    }

    @Test
    void chosenStatusesSurviveRedisRestartingWithoutItsData() throws Exception {
        TcpProxy proxy = new TcpProxy(TestRedis.port());
        closing.add(proxy);
        TestServer n1 = node(1, "redis://127.0.0.1:" + proxy.port());
        RawClient alice = user(n1, "alice"), bob = user(n1, "bob");
        long aliceId = id(alice);
        befriend(alice, bob, "bob");
        alice.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(PresenceStatus.BUSY)));
        var router = (im.magpie.server.cluster.redis.RedisRouter) n1.server().context().router();

        proxy.refuse(true);
        proxy.cut();
        awaitTrue(() -> !router.linkUp(), "node 1 sees Redis gone");
        TestRedis.deleteKeys(prefix); // Redis "restarted" without persistence: every key is gone
        proxy.refuse(false);
        awaitTrue(router::linkUp, "node 1 rejoins");
        TestServer n2 = node(2, TestRedis.url());
        assertThat(friendPresence(n2, "bob", aliceId)).as("node 1 wrote back the choice it remembered")
                .isEqualTo(PresenceStatus.BUSY);
    }

    @Test
    void aPasswordGuesserMeetsOneThrottleOnEveryNode() {
        Map<Setting<?>, Object> strict = Map.of(AccountSettings.LOGIN_FAILURES_PER_ACCOUNT_ADDRESS, 2,
                AccountSettings.LOGIN_FIRST_DELAY_SECONDS, 600);
        TestServer n1 = node(1, TestRedis.url(), strict), n2 = node(2, TestRedis.url(), strict),
                n3 = node(3, TestRedis.url(), strict);
        user(n1, "bob");
        user(n1, "carol");
        for (int i = 0; i < 2; i++) {
            try (RawClient guesser = RawClient.connect(i == 0 ? n1 : n2)) {
                assertThat(guesser.login("bob", "wrong-" + i).getError().getCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            }
        }
        try (RawClient guesser = RawClient.connect(n3)) {
            Frame refused = guesser.login("bob", "password-123");
            assertThat(refused.getError().getCode()).as("node 3 refuses the third guess the other nodes counted: %s", refused)
                    .isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(refused.getError().getRetryAfterSeconds()).isGreaterThan(500);
            assertThat(guesser.login("carol", "password-123").hasLoginOk())
                    .as("another account from the same address is not affected").isTrue();
        }
    }

    @Test
    void friendsOnTwoNodesAreIntroducedForADirectChannel() {
        TestServer n1 = node(1, TestRedis.url()), n2 = node(2, TestRedis.url());
        RawClient alice = user(n1, "alice"), bob = user(n2, "bob");
        long aliceId = id(alice), bobId = id(bob);
        befriend(alice, bob, "bob");
        expect(alice, presence(bobId, PresenceStatus.ONLINE), "alice sees bob online");

        alice.send(openDirect(bobId, "a".repeat(64), 40001).setId(71).build());
        DirectOffer offer = expect(bob, Frame::hasDirectOffer, "bob's node pushes alice's offer").getDirectOffer();
        assertThat(offer.getFromUserId()).isEqualTo(aliceId);
        assertThat(offer.getEndpoint().getFingerprint()).isEqualTo("a".repeat(64));
        assertThat(bob.request(answerDirect(offer.getIntroId(), true, "b".repeat(64), 40002)).hasOk()).isTrue();
        Frame intro = alice.awaitResponse(71, WAIT);
        assertThat(intro.getDirectIntroduction().getUserId()).as("%s", intro).isEqualTo(bobId);
        assertThat(intro.getDirectIntroduction().getEndpoint().getFingerprint()).isEqualTo("b".repeat(64));
        assertThat(intro.getDirectIntroduction().getEndpoint().getCandidatesList())
                .anySatisfy(c -> assertThat(c.getObserved()).as("bob's node added the address it sees him at").isTrue());
        // Counted after the answer completes the introduction, which may be just after alice hears it.
        awaitTrue(() -> n1.server().features().p2p().introductions().introduced() == 1, "alice's node counts the introduction");

        alice.send(openDirect(bobId, "a".repeat(64), 40003).setId(72).build());
        DirectOffer second = expect(bob, Frame::hasDirectOffer, "a second offer").getDirectOffer();
        bob.request(answerDirect(second.getIntroId(), false, "", 0));
        assertThat(alice.awaitResponse(72, WAIT).getError().getCode()).as("a decline on bob's node reaches alice's")
                .isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void aPushSkipsOneDeviceByItsReferenceWhateverNodeItIsOn() {
        TestServer n1 = node(1, TestRedis.url()), n2 = node(2, TestRedis.url()), n3 = node(3, TestRedis.url());
        RawClient onN2 = user(n2, "bob");
        RawClient onN3 = user2(n3, "bob");
        long bobId = id(onN2);
        var connection = n2.server().context().sessions().connectionsOf(bobId).iterator().next();
        im.magpie.server.session.DeviceRef skipped = n2.server().context().router().device(connection);
        assertThat(skipped.nodeId()).isEqualTo(2);
        awaitTrue(() -> n1.server().context().router().isOnline(bobId), "node 1 knows bob's nodes");

        n1.server().context().router().pushExcept(bobId, marker(1), skipped);
        expect(onN3, f -> f.hasPresenceChanged() && f.getPresenceChanged().getTimeMs() == 1, "the device on node 3 gets the push");
        n1.server().context().router().push(bobId, marker(2));
        Frame next = expect(onN2, Frame::hasPresenceChanged, "the device on node 2 gets the next push");
        assertThat(next.getPresenceChanged().getTimeMs()).as("the skipped device never got the first").isEqualTo(2);
    }

    static Frame marker(long n) {
        return Frame.newBuilder().setPresenceChanged(im.magpie.protocol.proto.PresenceChanged.newBuilder()
                .setUserId(999_999).setPresence(PresenceStatus.AWAY).setTimeMs(n)).build();
    }

    static Frame.Builder openDirect(long to, String fingerprint, int port) {
        return Frame.newBuilder().setOpenDirect(OpenDirectRequest.newBuilder().setUserId(to).setEndpoint(
                DirectEndpoint.newBuilder().setFingerprint(fingerprint).setPort(port)
                        .addCandidates(DirectCandidate.newBuilder().setHost("192.0.2.10").setPort(port))));
    }

    static Frame.Builder answerDirect(long introId, boolean accept, String fingerprint, int port) {
        AnswerDirectRequest.Builder a = AnswerDirectRequest.newBuilder().setIntroId(introId).setAccept(accept);
        if (accept) a.setEndpoint(DirectEndpoint.newBuilder().setFingerprint(fingerprint).setPort(port));
        return Frame.newBuilder().setAnswerDirect(a);
    }

    /** How {@code friendId} appears in the friend list of a login by {@code name} on {@code node}. */
    static PresenceStatus friendPresence(TestServer node, String name, long friendId) {
        try (RawClient c = RawClient.connect(node)) {
            return c.login(name, "password-123").getLoginOk().getFriends().getFriendsList().stream()
                    .filter(f -> f.getProfile().getUserId() == friendId).findFirst().orElseThrow()
                    .getProfile().getPresence();
        }
    }

    /** The user's inbox head as stored (read through another node, so the user's own node learns nothing). */
    static long dbHead(TestServer node, long userId) {
        return node.server().context().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT last_seq FROM inbox_heads WHERE user_id = :u").bind("u", userId).mapTo(Long.class).one());
    }

    static List<Long> syncMessageIds(RawClient c) {
        List<Long> ids = new ArrayList<>();
        long after = 0;
        while (true) {
            var page = c.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(after).setLimit(500))).getSyncPage();
            for (InboxEvent e : page.getEventsList()) {
                if (e.hasMessage()) ids.add(e.getMessage().getMessageId());
                after = e.getSeq();
            }
            if (!page.getHasMore()) return ids;
        }
    }

    TestServer node(int nodeId, String redisUrl) {
        return node(nodeId, redisUrl, Map.of());
    }

    TestServer node(int nodeId, String redisUrl, Map<Setting<?>, Object> more) {
        TestServer.Builder b = TestServer.builder().jdbcUrl(database.jdbcUrl());
        more.forEach(b::set);
        TestServer s = b
                .set(ClusterSettings.CLUSTER, redisUrl)
                .set(ClusterSettings.CLUSTER_PREFIX, prefix)
                .set(ClusterSettings.CLUSTER_HEARTBEAT_SECONDS, 1)
                .set(CoreSettings.NODE_ID, nodeId)
                .start();
        closing.add(s);
        return s;
    }

    RawClient user(TestServer node, String name) {
        RawClient c = RawClient.registered(node, name);
        closing.add(c);
        return c;
    }

    static void befriend(RawClient a, RawClient b, String bName) {
        long request = a.request(Frame.newBuilder().setSendFriendRequest(SendFriendRequest.newBuilder().setUsername(bName)))
                .getFriendRequest().getRequestId();
        assertThat(b.request(Frame.newBuilder().setAnswerFriendRequest(AnswerFriendRequest.newBuilder()
                .setRequestId(request).setAccept(true))).hasFriendRequest()).isTrue();
    }

    static long id(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    static long send(RawClient from, Peer.Builder to, String clientId, String text) {
        Frame ack = from.request(Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder().setClientMsgId(clientId)
                .setTo(to).setContent(Content.newBuilder().setText(Text.newBuilder().setText(text)))));
        assertThat(ack.hasSendAck()).as("send answered %s", ack).isTrue();
        return ack.getSendAck().getMessageId();
    }

    static Predicate<Frame> presence(long userId, PresenceStatus status) {
        return f -> f.hasPresenceChanged() && f.getPresenceChanged().getUserId() == userId && f.getPresenceChanged().getPresence() == status;
    }

    static Predicate<Frame> groupText(String text) {
        return f -> f.hasEvent() && f.getEvent().getEvent().hasMessage()
                && f.getEvent().getEvent().getMessage().getContent().getText().getText().equals(text);
    }

    /** The next push matching {@code match} within {@link #WAIT}; other pushes are passed over. */
    static Frame expect(RawClient c, Predicate<Frame> match, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("no push: " + what);
            Optional<Frame> f = c.nextPush(Duration.ofNanos(left));
            if (f.isEmpty()) throw new AssertionError("no push: " + what);
            if (match.test(f.get())) return f.get();
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    }
}
