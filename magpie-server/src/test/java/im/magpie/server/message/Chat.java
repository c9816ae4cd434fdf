package im.magpie.server.message;

import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.HistoryRequest;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.SyncPage;
import im.magpie.protocol.proto.SyncRequest;
import im.magpie.protocol.proto.Text;
import im.magpie.protocol.proto.WhoAmIRequest;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small protocol helpers for the messaging tests. */
final class Chat {
    private Chat() {}

    /** A test server without the lobby group (whose join notices would blur what these tests count). */
    static TestServer.Builder builder(im.magpie.testkit.TestDatabase db) {
        return TestServer.builder().database(db).set(im.magpie.server.group.GroupSettings.LOBBY_ENABLED, false);
    }

    static long id(RawClient c) {
        return c.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    static void befriend(TestServer server, long a, long b) {
        var graph = server.server().features().social().graph();
        server.server().context().database().jdbi().useTransaction(tx -> graph.befriend(tx, a, b, System.currentTimeMillis()));
    }

    /** Registers {@code username}, logs it out again, and befriends it with {@code friendOf}; its id. */
    static long offlineFriend(TestServer server, long friendOf, String username) {
        long id;
        try (RawClient c = RawClient.registered(server, username)) {
            id = id(c);
        }
        befriend(server, friendOf, id);
        return id;
    }

    static RawClient secondDevice(TestServer server, String username) {
        RawClient c = RawClient.connect(server);
        Frame f = c.login(username, "password-123");
        if (!f.hasLoginOk()) throw new IllegalStateException("login failed: " + f);
        return c;
    }

    static Frame.Builder sendFrame(long to, String clientId, String text) {
        return Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder()
                .setClientMsgId(clientId).setTo(Peer.newBuilder().setUserId(to))
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText(text))));
    }

    static Frame send(RawClient from, long to, String clientId, String text) {
        return from.request(sendFrame(to, clientId, text));
    }

    static Peer user(long id) {
        return Peer.newBuilder().setUserId(id).build();
    }

    static SyncPage syncPage(RawClient c, long after, int limit) {
        Frame f = c.request(Frame.newBuilder().setSync(SyncRequest.newBuilder().setAfterSeq(after).setLimit(limit)));
        if (!f.hasSyncPage()) throw new IllegalStateException("sync failed: " + f);
        return f.getSyncPage();
    }

    /** Every event after {@code after}, paging through. */
    static List<InboxEvent> syncAll(RawClient c, long after) {
        List<InboxEvent> all = new ArrayList<>();
        while (true) {
            SyncPage page = syncPage(c, after, 500);
            all.addAll(page.getEventsList());
            if (!page.getHasMore()) return all;
            after = all.get(all.size() - 1).getSeq();
        }
    }

    static HistoryPage history(RawClient c, Peer peer, long before, int limit) {
        Frame f = c.request(Frame.newBuilder().setHistory(HistoryRequest.newBuilder().setPeer(peer).setBeforeMessageId(before).setLimit(limit)));
        if (!f.hasHistoryPage()) throw new IllegalStateException("history failed: " + f);
        return f.getHistoryPage();
    }

    /** The next inbox event pushed to {@code c}, skipping other pushes. */
    static Optional<InboxEvent> nextEvent(RawClient c, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Frame> f = c.nextPush(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (f.isEmpty()) return Optional.empty();
            if (f.get().hasEvent()) return Optional.of(f.get().getEvent().getEvent());
        }
        return Optional.empty();
    }

    static String text(InboxEvent e) {
        return e.getMessage().getContent().getText().getText();
    }
}
