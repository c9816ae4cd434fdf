package im.magpie.client.internal.session;

import im.magpie.client.ConnectionState;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.internal.ClientEvent;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.SendAck;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.SyncPage;
import im.magpie.protocol.proto.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A scripted server for the session's parts: an inbox, idempotent message storage by client id,
 * profiles, a friend list; and a {@link Dialer} whose attempts succeed or fail as the test says.
 * Everything completes synchronously on the caller's thread (the fake scheduler's).
 */
final class FakeWire implements Dialer {
    static final long SELF = 1;

    final List<InboxEvent> inbox = new ArrayList<>();
    final Map<String, SendAck> stored = new LinkedHashMap<>();
    final List<String> sendAttempts = new ArrayList<>();
    /** Texts of sends marked delivered_directly (the peer had them over a direct channel). */
    final List<String> reportedDirectly = new ArrayList<>();
    final List<String> receipts = new ArrayList<>();
    final List<Long> syncRequests = new ArrayList<>();
    final Map<Long, Profile> profiles = new HashMap<>();
    final List<Credentials> dialed = new ArrayList<>();
    /** What the next attempts answer; when empty, a successful login. */
    final Deque<Supplier<CompletableFuture<LoginOk>>> attempts = new ArrayDeque<>();
    /** When true, send answers wait in {@link #heldSends} until released. */
    boolean holdSends;
    final Deque<Runnable> heldSends = new ArrayDeque<>();
    FriendList friendList = FriendList.newBuilder().setVersion(1).build();
    CompletableFuture<FriendList> friendListAnswer;
    Link current;
    private Consumer<ClientEvent> sink;
    private long nextMessageId = 1000;

    @Override
    public Dialed dial(Credentials credentials, Consumer<ClientEvent> sink) {
        dialed.add(credentials);
        this.sink = sink;
        FakeLink link = new FakeLink();
        current = link;
        CompletableFuture<LoginOk> login = attempts.isEmpty() ? CompletableFuture.completedFuture(loginOk())
                : attempts.poll().get();
        return new Dialed(link, login);
    }

    LoginOk loginOk() {
        return LoginOk.newBuilder().setSelf(Profile.newBuilder().setUserId(SELF).setUsername("alice"))
                .setResumeToken("token-1").setLatestSeq(inbox.size()).setFriends(friendList).build();
    }

    /** The connection drops (as the client reports it). */
    void drop() {
        current = null;
        sink.accept(new ClientEvent.StateChanged(ConnectionState.OFFLINE, new MagpieConnectionException("cut")));
    }

    void push(Frame frame) {
        sink.accept(new ClientEvent.Push(frame));
    }

    InboxEvent addMessage(long from, String text) {
        long seq = inbox.size() + 1;
        InboxEvent e = InboxEvent.newBuilder().setSeq(seq).setTimeMs(seq).setMessage(ChatMessage.newBuilder()
                .setMessageId(nextMessageId++).setClientMsgId("c-" + seq).setSenderId(from)
                .setTo(Peer.newBuilder().setUserId(SELF)).setTimeMs(seq)
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText(text)))).build();
        inbox.add(e);
        return e;
    }

    InboxEvent add(InboxEvent.Builder e) {
        InboxEvent built = e.setSeq(inbox.size() + 1).build();
        inbox.add(built);
        return built;
    }

    final class FakeLink implements Link {
        @Override
        public CompletableFuture<SyncPage> sync(long afterSeq, int limit) {
            syncRequests.add(afterSeq);
            List<InboxEvent> page = inbox.stream().filter(e -> e.getSeq() > afterSeq).limit(limit).toList();
            boolean more = inbox.stream().filter(e -> e.getSeq() > afterSeq).count() > page.size();
            return CompletableFuture.completedFuture(SyncPage.newBuilder().addAllEvents(page).setHasMore(more)
                    .setLatestSeq(inbox.size()).build());
        }

        @Override
        public CompletableFuture<SendAck> send(SendMessageRequest request) {
            sendAttempts.add(request.getContent().getText().getText());
            if (request.getDeliveredDirectly()) {
                reportedDirectly.add(request.getContent().getText().getText());
            }
            CompletableFuture<SendAck> answer = new CompletableFuture<>();
            Runnable reply = () -> answer.complete(stored.computeIfAbsent(request.getClientMsgId(), id ->
                    SendAck.newBuilder().setClientMsgId(id).setMessageId(nextMessageId++).setServerTimeMs(5).build()));
            if (holdSends) {
                heldSends.add(reply);
            } else {
                reply.run();
            }
            return answer;
        }

        @Override
        public CompletableFuture<Void> receipt(Peer conversation, ReceiptKind kind, long upToMessageId) {
            if (current != this) {
                return CompletableFuture.failedFuture(new MagpieConnectionException("cut"));
            }
            receipts.add(kind + " " + conversation.getUserId() + " " + upToMessageId);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<FriendList> friendList() {
            return friendListAnswer != null ? friendListAnswer : CompletableFuture.completedFuture(friendList);
        }

        @Override
        public CompletableFuture<List<GroupInfo>> groupList() {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<HistoryPage> history(Peer conversation, long beforeMessageId, int limit) {
            return CompletableFuture.completedFuture(HistoryPage.getDefaultInstance());
        }

        @Override
        public CompletableFuture<Profile> profile(long userId) {
            Profile p = profiles.get(userId);
            return p != null ? CompletableFuture.completedFuture(p)
                    : CompletableFuture.failedFuture(new MagpieConnectionException("no such user"));
        }

        @Override
        public boolean isUp() {
            return current == this;
        }

        @Override
        public void close() {
        }
    }
}
