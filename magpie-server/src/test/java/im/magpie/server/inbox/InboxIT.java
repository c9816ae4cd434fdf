package im.magpie.server.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.FriendRemoved;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.SyncPage;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InboxIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static InboxEvent marker(long n) {
        return InboxEvent.newBuilder().setFriendRemoved(FriendRemoved.newBuilder().setUserId(n)).build();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void appends_are_numbered_per_user_pushed_live_and_synced_in_pages(TestDatabase db) {
        try (TestServer server = TestServer.builder().database(db).start();
             RawClient alice = RawClient.registered(server, "alice");
             RawClient bob = RawClient.registered(server, "bob")) {
            Inbox inbox = server.server().features().inbox().inbox();
            long a = alice.request(Frame.newBuilder().setWhoami(im.magpie.protocol.proto.WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
            long b = bob.request(Frame.newBuilder().setWhoami(im.magpie.protocol.proto.WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();

            List<StoredEvent> stored = inbox.appendAndPublish(List.of(
                    new Delivery(a, marker(1)), new Delivery(b, marker(2)), new Delivery(a, marker(3))));
            assertThat(stored).extracting(StoredEvent::seq).containsExactly(1L, 1L, 2L);

            Frame push = alice.nextPush(Duration.ofSeconds(5)).orElseThrow();
            assertThat(push.getEvent().getEvent().getSeq()).isEqualTo(1);

            SyncPage page = alice.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(0).setLimit(1))).getSyncPage();
            assertThat(page.getEventsList()).extracting(InboxEvent::getSeq).containsExactly(1L);
            assertThat(page.getHasMore()).isTrue();
            assertThat(page.getLatestSeq()).isEqualTo(2);
            page = alice.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(1).setLimit(10))).getSyncPage();
            assertThat(page.getEventsList()).extracting(e -> e.getFriendRemoved().getUserId()).containsExactly(3L);
            assertThat(page.getHasMore()).isFalse();

            Frame future = alice.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(3).setLimit(10)));
            assertThat(future.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            Frame zeroLimit = alice.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(0).setLimit(0)));
            assertThat(zeroLimit.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
            Frame hugeLimit = alice.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(0).setLimit(501)));
            assertThat(hugeLimit.getError().getCode()).isEqualTo(ErrorCode.BAD_REQUEST);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrent_appends_to_overlapping_users_get_gapless_unique_sequences(TestDatabase db) throws Exception {
        try (TestServer server = TestServer.builder().database(db).start()) {
            List<Long> users = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                try (RawClient c = RawClient.registered(server, "user" + i)) {
                    users.add(c.request(Frame.newBuilder().setWhoami(im.magpie.protocol.proto.WhoAmIRequest.getDefaultInstance())).getProfile().getUserId());
                }
            }
            Inbox inbox = server.server().features().inbox().inbox();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int shift = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        // each batch touches all users, in a different order per thread
                        List<Delivery> batch = new ArrayList<>();
                        for (int k = 0; k < users.size(); k++) batch.add(new Delivery(users.get((k + shift) % users.size()), marker(i)));
                        inbox.appendAndPublish(batch);
                    }
                }));
            }
            for (Future<?> f : futures) f.get();
            pool.shutdown();
            for (long user : users) {
                assertThat(inbox.latestSeq(user)).isEqualTo(100);
                List<Long> seqs = new ArrayList<>();
                long after = 0;
                while (true) {
                    SyncPage page = inbox.sync(user, after, 500);
                    page.getEventsList().forEach(e -> seqs.add(e.getSeq()));
                    if (!page.getHasMore()) break;
                    after = seqs.get(seqs.size() - 1);
                }
                assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
            }
            assertThatThrownBy(() -> inbox.sync(users.get(0), -1, 10)).isInstanceOf(MagpieException.class);
        }
    }
}
