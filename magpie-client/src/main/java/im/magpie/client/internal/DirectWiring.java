package im.magpie.client.internal;

import im.magpie.client.MessengerEvent;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.IncomingMessage;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.client.internal.session.Session;
import im.magpie.client.p2p.ConversationPath;
import im.magpie.client.p2p.DirectChannelException;
import im.magpie.client.p2p.DirectChannels;
import im.magpie.client.p2p.DirectFileSink;
import im.magpie.client.p2p.DirectMessage;
import im.magpie.client.p2p.DirectSettings;
import im.magpie.protocol.proto.Frame;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one account's {@link Session} uses {@link DirectChannels}, in one place: introductions over
 * the session's requests ({@link Session#request}), offers from its pushes
 * ({@link Session#addPushListener}), received messages into the history and out as
 * {@link MessengerEvent.MessagesReceived}, path changes as {@link MessengerEvent.PathChanged}, and the
 * outbox's {@link #detour}. Made before the session (the session takes the detour at construction),
 * then {@link #attach attached} to it. Thread-safe.
 */
public final class DirectWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DirectWiring.class);

    private final ServerIntroducer introducer;
    /** Null when direct channels are off or the listener could not bind. */
    private final DirectChannels channels;
    private volatile Session session;
    /** Where files received directly go: the messenger's direct file transport, once it exists. */
    private volatile DirectFileSink fileSink = DirectFileSink.NONE;

    /**
     * Starts the channels when {@code settings} enable them and the listener can bind; otherwise
     * every introduction is declined at once (so a friend does not wait for the server's timeout)
     * and every conversation stays via the server.
     */
    public DirectWiring(DirectSettings settings, HistoryStore history, Consumer<MessengerEvent> publish) {
        Objects.requireNonNull(history, "history");
        this.introducer = new ServerIntroducer(this::request);
        DirectChannels started = null;
        if (settings.enabled()) {
            try {
                started = new DirectChannels(settings, this::selfUserId, introducer,
                        m -> history.insertIncoming(IncomingMessage.text(0, m.clientMsgId(), PeerRef.user(m.senderId()),
                                        m.senderId(), m.timeMs(), m.text()))
                                .ifPresent(added -> publish.accept(new MessengerEvent.MessagesReceived(
                                        List.of(attached().named(added))))),
                        new ForwardingSink(),
                        change -> publish.accept(new MessengerEvent.PathChanged(
                                attached().names().user(change.peerUserId()), change.path(), change.reason())));
            } catch (DirectChannelException e) {
                log.warn("direct channels off: {}", e.getMessage()); // e.g. the configured port is taken
            }
        }
        this.channels = started;
    }

    /** The running channels; empty when direct channels are off or could not start. */
    public Optional<DirectChannels> channels() {
        return Optional.ofNullable(channels);
    }

    /** Files friends send directly go to {@code sink} from now on (declined before). */
    public void receiveFilesWith(DirectFileSink sink) {
        this.fileSink = Objects.requireNonNull(sink);
    }

    /** Passes each call to the current {@link #fileSink}, which is set after the channels start. */
    private final class ForwardingSink implements DirectFileSink {
        @Override
        public java.nio.file.Path accept(long fromUserId, String transferId, String name, long size) {
            return fileSink.accept(fromUserId, transferId, name, size);
        }

        @Override
        public CompletableFuture<java.nio.file.Path> offer(long fromUserId, String transferId, String name, long size,
                                                           String sha256) {
            return fileSink.offer(fromUserId, transferId, name, size, sha256);
        }

        @Override
        public void received(long fromUserId, String transferId, long bytes, long size) {
            fileSink.received(fromUserId, transferId, bytes, size);
        }

        @Override
        public void interrupted(long fromUserId, String transferId, String reason) {
            fileSink.interrupted(fromUserId, transferId, reason);
        }

        @Override
        public void completed(long fromUserId, String transferId, java.nio.file.Path partial) {
            fileSink.completed(fromUserId, transferId, partial);
        }
    }

    /** The outbox's detour: one-to-one messages are tried over a channel first (none when off). */
    public OutboxDetour detour() {
        DirectChannels c = channels;
        return c == null ? OutboxDetour.NONE : entry -> entry.to().kind() != PeerKind.USER ? null
                : c.deliver(new DirectMessage(entry.clientMsgId(), 0, entry.to().id(), entry.enqueuedMs(),
                        entry.text(), entry.replyToMessageId()));
    }

    /** Hooks into {@code session}'s pushes and requests; once, before the session starts. */
    public void attach(Session session) {
        if (this.session != null) {
            throw new IllegalStateException("already attached");
        }
        this.session = Objects.requireNonNull(session);
        session.addPushListener(this::pushed);
    }

    /** How the conversation with {@code peer} travels now (via the server for groups or when off). */
    public ConversationPath path(PeerRef peer) {
        return channels == null || peer.kind() != PeerKind.USER ? ConversationPath.VIA_SERVER : channels.path(peer.id());
    }

    /** Opens a channel to a friend now; completes with the path once the attempt settled. */
    public CompletableFuture<ConversationPath> open(PeerRef peer) {
        return channels == null || peer.kind() != PeerKind.USER
                ? CompletableFuture.completedFuture(ConversationPath.VIA_SERVER) : channels.open(peer.id());
    }

    /** Closes every channel and the listener. Idempotent. */
    @Override
    public void close() {
        if (channels != null) {
            channels.close();
        }
    }

    private void pushed(Frame frame) {
        ServerIntroducer.offerIn(frame).ifPresent(offer -> {
            if (channels != null) {
                channels.onOffer(offer);
            } else {
                introducer.answer(offer.introId(), null); // declined at once
            }
        });
    }

    private CompletableFuture<Frame> request(Frame.Builder body, Frame.BodyCase expected) {
        return attached().request(body, expected);
    }

    private long selfUserId() {
        Session s = session;
        return s == null ? 0 : s.selfUserId();
    }

    private Session attached() {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("direct channels not attached to a session");
        }
        return s;
    }
}
