package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.magpie.client.internal.ClientEvent;
import im.magpie.client.internal.MagpieClient;
import im.magpie.client.internal.Messages;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.SendAck;
import im.magpie.protocol.proto.SyncPage;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Messages facade against the real server. */
class MessagesIT {
    private static TestServer server;

    @TempDir
    Path profile;

    private RegisteredClients clients;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void clients() {
        clients = new RegisteredClients(server, profile);
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }


    private static long id(MagpieClient c) {
        return c.session().orElseThrow().getSelf().getUserId();
    }

    private static void befriend(MagpieClient a, MagpieClient b) {
        var graph = server.server().features().social().graph();
        server.server().context().database().jdbi().useTransaction(tx -> graph.befriend(tx, id(a), id(b), System.currentTimeMillis()));
    }

    @Test
    void send_retry_push_sync_receipt_typing_history_and_recall() {
        MagpieClient alice = clients.register("msg");
        MagpieClient bob = clients.register("msg");
        befriend(alice, bob);
        List<Frame> bobPushes = new CopyOnWriteArrayList<>();
        List<Frame> alicePushes = new CopyOnWriteArrayList<>();
        bob.addListener(e -> { if (e instanceof ClientEvent.Push p) bobPushes.add(p.frame()); });
        alice.addListener(e -> { if (e instanceof ClientEvent.Push p) alicePushes.add(p.frame()); });

        String clientId = Messages.newClientMsgId();
        SendAck ack = alice.messages().sendText(Messages.user(id(bob)), clientId, "你好 👋").join();
        assertThat(alice.messages().sendText(Messages.user(id(bob)), clientId, "retry").join()).isEqualTo(ack);
        await().atMost(Duration.ofSeconds(5)).until(() -> bobPushes.stream().anyMatch(Frame::hasEvent));

        SyncPage page = bob.messages().sync(0, Messages.SYNC_PAGE_MAX).join();
        assertThat(page.getEventsList()).extracting(e -> e.getMessage().getContent().getText().getText()).containsExactly("你好 👋");

        bob.messages().receipt(Messages.user(id(alice)), ReceiptKind.READ, ack.getMessageId()).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> alicePushes.stream()
                .anyMatch(f -> f.hasEvent() && f.getEvent().getEvent().hasReceipt()));

        alice.messages().typing(id(bob)).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> bobPushes.stream().anyMatch(Frame::hasTypingPush));

        HistoryPage history = bob.messages().history(Messages.user(id(alice)), 0, 10).join();
        assertThat(history.getMessagesList()).hasSize(1);

        alice.messages().recall(ack.getMessageId()).join();
        List<InboxEvent> after = bob.messages().sync(0, 10).join().getEventsList();
        assertThat(after.get(0).getMessage().getRecalled()).isTrue();
        assertThat(after).anyMatch(InboxEvent::hasRecall);

        MagpieClientException refused = MagpieClientException.unwrap(
                org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                        () -> bob.messages().history(Messages.user(id(alice)), 0, 0).join())).orElseThrow();
        assertThat(refused.errorReason()).isEqualTo(ErrorReason.BAD_REQUEST);
    }
}
