package im.magpie.server.group;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.CreateGroupRequest;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.JoinPolicy;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.server.config.CoreSettings;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not a test: measures group fan-out (messages × members delivered per second) for one group of
 * {@code magpie.measure.members} (500) members with half of them online, S senders pipelining W
 * sends each. Excluded from the normal build (the name matches neither *Test nor *IT); run with
 *
 * <pre>
 * ./mvnw -q -B -pl magpie-server -am test -Dtest=GroupFanoutMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 *     [-Dmagpie.measure.db=POSTGRESQL] [-Dmagpie.measure.messages=2000] [-Dmagpie.measure.senders=8]
 * </pre>
 *
 * Members are seeded straight into group_members (joining 500 members through the protocol would
 * write 125,000 join notices first). Reported: inbox rows written per second (every member's
 * inbox, offline ones included) from the first send to the last acknowledgement, and pushes
 * received per second by the online members until the last one has every message.
 */
class GroupFanoutMeasurement {

    private static int prop(String name, int def) {
        return Integer.getInteger("magpie.measure." + name, def);
    }

    @Test
    void measure_fan_out_of_a_full_group_with_half_its_members_online() throws Exception {
        int members = prop("members", 500);
        int online = members / 2;
        int senders = prop("senders", 8);
        int messages = prop("messages", 2000) / senders * senders;
        int window = prop("window", 16);
        TestDatabase db = TestDatabase.valueOf(System.getProperty("magpie.measure.db", "H2"));
        try (TestServer server = TestServer.builder().database(db).set(GroupSettings.MAX_MEMBERS, members)
                .set(CoreSettings.MAX_OUTBOUND_BYTES, 256 * 1024 * 1024)
                .set(CoreSettings.HEARTBEAT_SECONDS, 3600) // raw clients do not ping
                .start()) {
            long t0 = System.nanoTime();
            List<RawClient> clients = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<RawClient>> registering = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                String name = "member" + i;
                registering.add(pool.submit(() -> RawClient.registered(server, name)));
            }
            for (Future<RawClient> f : registering) clients.add(f.get());
            for (RawClient c : clients) ids.add(GroupTestSupport.id(c));
            long groupId = clients.get(0).request(Frame.newBuilder().setCreateGroup(CreateGroupRequest.newBuilder()
                    .setName("fan-out").setJoinPolicy(JoinPolicy.OPEN))).getGroupInfo().getGroupId();
            long now = System.currentTimeMillis();
            server.server().context().database().jdbi().useTransaction(h -> {
                var batch = h.prepareBatch("INSERT INTO group_members (group_id, user_id, member_role, joined_ms) VALUES (:g, :u, 1, :t)");
                for (int i = 1; i < members; i++) batch.bind("g", groupId).bind("u", ids.get(i)).bind("t", now).add();
                batch.execute();
                h.createUpdate("UPDATE chat_groups SET member_count = :n WHERE group_id = :g").bind("n", members).bind("g", groupId).execute();
            });
            // half of the members go offline
            for (int i = online; i < members; i++) clients.get(i).close();
            List<RawClient> onlineClients = clients.subList(0, online);
            System.out.printf("setup: %d members (%d online) in %d ms on %s%n", members, online,
                    (System.nanoTime() - t0) / 1_000_000, db);

            // receivers: every online member but the senders counts message pushes
            List<RawClient> senderClients = onlineClients.subList(0, senders);
            List<RawClient> receivers = onlineClients.subList(senders, online);
            CountDownLatch allReceived = new CountDownLatch(receivers.size());
            AtomicLong pushes = new AtomicLong();
            ExecutorService readers = Executors.newFixedThreadPool(receivers.size());
            for (RawClient r : receivers) {
                readers.submit(() -> {
                    int got = 0;
                    while (got < messages) {
                        var f = r.nextPush(Duration.ofSeconds(60));
                        if (f.isEmpty()) break;
                        if (f.get().hasEvent() && f.get().getEvent().getEvent().hasMessage()) {
                            got++;
                            pushes.incrementAndGet();
                        }
                    }
                    if (got == messages) allReceived.countDown();
                    return null;
                });
            }

            int perSender = messages / senders;
            long start = System.nanoTime();
            List<Future<Long>> sending = new ArrayList<>();
            ExecutorService senderPool = Executors.newFixedThreadPool(senders);
            for (RawClient s : senderClients) {
                sending.add(senderPool.submit(() -> {
                    long idSeq = 1_000_000;
                    List<Long> inFlight = new ArrayList<>();
                    long acked = 0;
                    for (int i = 0; i < perSender; i++) {
                        long id = ++idSeq;
                        s.send(Frame.newBuilder().setId(id).setSendMessage(SendMessageRequest.newBuilder()
                                .setClientMsgId(UUID.randomUUID().toString())
                                .setTo(Peer.newBuilder().setGroupId(groupId))
                                .setContent(Content.newBuilder().setText(Text.newBuilder().setText("hello group " + i)))).build());
                        inFlight.add(id);
                        if (inFlight.size() >= window) {
                            Frame ack = s.awaitResponse(inFlight.remove(0), Duration.ofSeconds(60));
                            if (!ack.hasSendAck()) throw new IllegalStateException("send failed: " + ack);
                            acked++;
                        }
                    }
                    for (long id : inFlight) {
                        Frame ack = s.awaitResponse(id, Duration.ofSeconds(60));
                        if (!ack.hasSendAck()) throw new IllegalStateException("send failed: " + ack);
                        acked++;
                    }
                    return acked;
                }));
            }
            long acked = 0;
            for (Future<Long> f : sending) acked += f.get();
            long ackedNanos = System.nanoTime() - start;
            boolean complete = allReceived.await(120, TimeUnit.SECONDS);
            long receivedNanos = System.nanoTime() - start;
            readers.shutdownNow();
            senderPool.shutdownNow();
            pool.shutdownNow();

            double ackSeconds = ackedNanos / 1e9;
            double recvSeconds = receivedNanos / 1e9;
            System.out.printf("RESULT db=%s members=%d online=%d senders=%d window=%d messages=%d%n",
                    db, members, online, senders, window, acked);
            System.out.printf("RESULT acked in %.2f s: %.0f messages/s, %.0f inbox rows (messages x members)/s%n",
                    ackSeconds, acked / ackSeconds, acked * members / ackSeconds);
            System.out.printf("RESULT all %d online receivers complete=%s in %.2f s: %.0f pushes delivered/s%n",
                    receivers.size(), complete, recvSeconds, pushes.get() / recvSeconds);
            assertThat(acked).isEqualTo((long) perSender * senders);
            onlineClients.forEach(RawClient::close);
        }
    }
}
