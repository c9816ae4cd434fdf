package im.magpie.client.internal.session;

import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.SendAck;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.SyncPage;
import java.util.concurrent.CompletableFuture;

/**
 * The requests the session's parts make of one logged-in connection. {@link ClientLink} is the
 * real one (a {@link im.magpie.client.internal.MagpieClient}); tests give a small fake. Futures may complete
 * on any thread: the parts hop back onto the {@link Scheduler}.
 */
public interface Link {
    CompletableFuture<SyncPage> sync(long afterSeq, int limit);

    CompletableFuture<SendAck> send(SendMessageRequest request);

    CompletableFuture<Void> receipt(Peer conversation, ReceiptKind kind, long upToMessageId);

    CompletableFuture<FriendList> friendList();

    CompletableFuture<java.util.List<im.magpie.protocol.proto.GroupInfo>> groupList();

    CompletableFuture<HistoryPage> history(Peer conversation, long beforeMessageId, int limit);

    CompletableFuture<Profile> profile(long userId);

    /** Whether the connection is still up (a send that failed on a live link is retried later). */
    boolean isUp();

    /** The client behind this link, for the request facets; empty for a test fake. */
    default java.util.Optional<im.magpie.client.internal.MagpieClient> client() {
        return java.util.Optional.empty();
    }

    /** Closes the connection (may block briefly; called off the session thread). */
    void close();
}
