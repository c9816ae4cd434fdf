package im.magpie.client.internal.session;

import im.magpie.client.ConnectionState;
import im.magpie.client.internal.MagpieClient;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.ListFriendsRequest;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.SendAck;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.SyncPage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A {@link Link} over a {@link MagpieClient}, and the {@link Dialer} that makes them. */
public final class ClientLink implements Link {
    private final MagpieClient client;

    private ClientLink(MagpieClient client) {
        this.client = client;
    }

    /** A dialer that builds a fresh client from {@code clients} for every attempt. */
    public static Dialer dialer(Supplier<MagpieClient> clients) {
        return (credentials, sink) -> {
            MagpieClient c = clients.get();
            c.addListener(sink::accept);
            CompletableFuture<LoginOk> login = c.connect().thenCompose(info -> authenticate(c, credentials));
            return new Dialer.Dialed(new ClientLink(c), login);
        };
    }

    private static CompletableFuture<LoginOk> authenticate(MagpieClient c, Credentials credentials) {
        if (credentials instanceof Credentials.Password p) {
            return c.login(p.username(), p.password());
        }
        if (credentials instanceof Credentials.Registration r) {
            return c.register(r.username(), r.password(), r.nickname());
        }
        Credentials.Token t = (Credentials.Token) credentials;
        return c.resume(t.token(), t.friendListVersion());
    }

    @Override
    public CompletableFuture<SyncPage> sync(long afterSeq, int limit) {
        return client.messages().sync(afterSeq, limit);
    }

    @Override
    public CompletableFuture<SendAck> send(SendMessageRequest request) {
        return client.messages().send(request);
    }

    @Override
    public CompletableFuture<Void> receipt(Peer conversation, ReceiptKind kind, long upToMessageId) {
        return client.messages().receipt(conversation, kind, upToMessageId);
    }

    @Override
    public CompletableFuture<FriendList> friendList() {
        return client.request(Frame.newBuilder().setListFriends(ListFriendsRequest.getDefaultInstance()),
                Frame.BodyCase.FRIEND_LIST).thenApply(Frame::getFriendList);
    }

    @Override
    public CompletableFuture<java.util.List<im.magpie.protocol.proto.GroupInfo>> groupList() {
        return client.groups().list();
    }

    @Override
    public CompletableFuture<HistoryPage> history(Peer conversation, long beforeMessageId, int limit) {
        return client.messages().history(conversation, beforeMessageId, limit);
    }

    @Override
    public CompletableFuture<Profile> profile(long userId) {
        return client.profiles().get(userId);
    }

    @Override
    public boolean isUp() {
        return client.state() == ConnectionState.ONLINE;
    }

    @Override
    public Optional<MagpieClient> client() {
        return Optional.of(client);
    }

    @Override
    public void close() {
        client.close();
    }
}
