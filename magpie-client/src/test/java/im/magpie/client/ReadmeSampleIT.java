package im.magpie.client;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.SearchHit;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Using the client library" sample, verbatim but for the server address and profile. */
class ReadmeSampleIT {
    @TempDir
    Path home;

    @Test
    void the_readme_sample_compiles_and_runs() {
        try (TestServer server = TestServer.builder().tls(true).start()) {
            RawClient alice = RawClient.registered(server, "alice");
            RawClient bob = RawClient.registered(server, "bob");
            long aliceId = id(alice);
            long bobId = id(bob);
            server.server().context().database().jdbi().useTransaction(tx ->
                    server.server().features().social().graph().befriend(tx, aliceId, bobId, System.currentTimeMillis()));

            Result r = sample(server.host(), server.port(), home.resolve(".magpie"), "password-123");

            assertThat(r.friends()).extracting(ContactRecord::username).containsExactly("bob");
            assertThat(r.sent().text()).isEqualTo("你好, Bob!");
            assertThat(r.recent().messages()).extracting(MessageRecord::text).contains("你好, Bob!");
            assertThat(r.hits()).hasSize(1);
        }
    }

    private static long id(RawClient c) {
        return c.request(im.magpie.protocol.proto.Frame.newBuilder()
                .setWhoami(im.magpie.protocol.proto.WhoAmIRequest.getDefaultInstance())).getProfile().getUserId();
    }

    record Result(List<ContactRecord> friends, MessageRecord sent, MessagePage recent, List<SearchHit> hits) {}

    static Result sample(String host, int port, Path profile, String password) {
        // --- README: begin (host, port and profile are parameters here) ---
        try (Messenger messenger = Messenger.builder()
                .server(host, port)                       // TLS, pinned on first use like ssh
                .profileDir(profile)                       // default ~/.magpie
                .build()) {
            messenger.addListener(event -> {               // on a library thread; or addListener(Platform::runLater, ...)
                if (event instanceof MessengerEvent.MessagesReceived received) {
                    received.messages().forEach(m -> System.out.println(m.sender().displayName() + ": " + m.text()));
                } else if (event instanceof MessengerEvent.FriendRequestReceived request) {
                    messenger.social().answerFriendRequest(request.request().requestId(), true);
                } else if (event instanceof MessengerEvent.StateChanged change) {
                    System.out.println("connection: " + change.state());
                }
            });
            messenger.login("alice", password).join();     // next time: messenger.resume("alice"), no password

            List<ContactRecord> friends = messenger.addressBook().refreshFriends().join();
            PeerRef bob = PeerRef.user(friends.get(0).userId());
            MessageRecord sent = messenger.send(bob, "你好, Bob!");     // stored first, sent when online
            MessagePage recent = messenger.conversations().open(bob, 50);  // local history, newest first
            List<SearchHit> hits = messenger.conversations().search("你好"); // Chinese substrings, English words
            // --- README: end ---
            return new Result(friends, sent, recent, hits);
        }
    }
}
