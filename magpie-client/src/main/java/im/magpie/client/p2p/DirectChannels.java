package im.magpie.client.p2p;

import im.magpie.protocol.Limits;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.SendMessageRequest;
import im.magpie.protocol.proto.Text;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct, encrypted channels to friends: the component behind "direct" in a conversation. Its
 * whole interface is {@link #open}, {@link #deliver} (send with an end-to-end acknowledgement),
 * {@link #path} and {@link PathChanged} events, {@link #onOffer} (a friend's introduction) and
 * {@link #close}.
 *
 * <p><b>How a channel opens.</b> The caller asks the server ({@link Introducer}) to introduce it to
 * the friend; the friend's channels answer with their candidates and certificate fingerprint, and
 * expect the caller's fingerprint from then on. The caller dials every candidate at once; the first
 * mutual TLS 1.3 handshake with the introduced certificate wins (see {@link ChannelTransport}).
 * Anyone else who connects fails the handshake and is closed without having read a frame.
 *
 * <p><b>Per friend, a state machine</b>: {@code Idle → Opening → Direct}, and {@code Resting}
 * (via the server until a deadline) after a failed attempt or a broken channel; an idle channel
 * closes into {@code Idle}, so the next message opens it again.
 *
 * <p><b>Messages</b> are the protocol's {@code SendMessageRequest} frames with the same client
 * message ids as relayed ones; the receiver stores them ({@link DirectInbox}) before it answers a
 * {@code SendAck}. A message whose acknowledgement does not come is the caller's to send through
 * the server (same id: stored once). Thread-safe; the peer states are guarded by {@code this}.
 */
public final class DirectChannels implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DirectChannels.class);

    private sealed interface PeerState permits Idle, Opening, Direct, Resting {}

    private record Idle() implements PeerState {}

    private record Opening(CompletableFuture<ConversationPath> settled) implements PeerState {}

    private record Direct(DirectLink link) implements PeerState {}

    private record Resting(long untilNanos) implements PeerState {}

    private final DirectSettings settings;
    private final LongSupplier selfUserId;
    private final Introducer introducer;
    private final DirectInbox inbox;
    private final Consumer<PathChanged> listener;
    private final ChannelIdentity identity = ChannelIdentity.generate();
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "magpie-direct-store");
        t.setDaemon(true);
        return t;
    });
    private final ChannelTransport transport;
    private final FileStreams files;
    // --- guarded by this ---
    private final Map<Long, PeerState> peers = new HashMap<>();
    private final Map<Long, String> expectedFingerprints = new HashMap<>();
    private final Map<Long, ConversationPath> published = new HashMap<>();
    private boolean closed;

    /**
     * Starts listening (when enabled) on {@link DirectSettings#bindHost()}.
     *
     * @param selfUserId this account's id (known after the first login)
     * @param listener path changes, called on a channel thread: must not block
     */
    public DirectChannels(DirectSettings settings, LongSupplier selfUserId, Introducer introducer, DirectInbox inbox,
                          Consumer<PathChanged> listener) {
        this(settings, selfUserId, introducer, inbox, DirectFileSink.NONE, listener);
    }

    /** As above, and files received over the channels go to {@code fileSink}. */
    public DirectChannels(DirectSettings settings, LongSupplier selfUserId, Introducer introducer, DirectInbox inbox,
                          DirectFileSink fileSink, Consumer<PathChanged> listener) {
        this.files = new FileStreams(fileSink, storeThread);
        this.settings = settings;
        this.selfUserId = selfUserId;
        this.introducer = introducer;
        this.inbox = inbox;
        this.listener = listener;
        this.transport = settings.enabled()
                ? new ChannelTransport(settings, identity, this::expected, new Events()) : null;
    }

    /** The SHA-256 fingerprint of this run's channel certificate. */
    public String fingerprint() {
        return identity.fingerprint();
    }

    /** The listener's port (0 when direct channels are off). */
    public int listeningPort() {
        return transport == null ? 0 : transport.listeningPort();
    }

    /** What is announced to a friend: candidates, port and fingerprint. */
    public Introducer.Endpoint endpoint() {
        int port = settings.advertisedPort() != 0 ? settings.advertisedPort() : listeningPort();
        List<String> hosts = settings.advertisedHosts() != null ? settings.advertisedHosts() : LocalCandidates.hosts();
        return new Introducer.Endpoint(hosts.stream().map(h -> new Introducer.Candidate(h, port, false)).toList(),
                port, identity.fingerprint());
    }

    public synchronized ConversationPath path(long peerUserId) {
        return liveLink(peerUserId) != null ? ConversationPath.DIRECT : ConversationPath.VIA_SERVER;
    }

    /**
     * The friend's open link, or null. A link closes at once but is detached on its channel's
     * event loop a moment later: in between it is not open.
     */
    private DirectLink liveLink(long peerUserId) {
        assert Thread.holdsLock(this);
        return peers.get(peerUserId) instanceof Direct d && d.link().state() != DirectLink.State.CLOSED ? d.link() : null;
    }

    // ------------------------------------------------------------------------------ opening

    /**
     * Opens a channel to the friend unless one is open, opening or resting after a failure;
     * completes with the path once the attempt settles (at most the introduction's and the
     * connect timeout's time).
     */
    public CompletableFuture<ConversationPath> open(long peerUserId) {
        CompletableFuture<ConversationPath> settled;
        synchronized (this) {
            PeerState state = peers.getOrDefault(peerUserId, new Idle());
            if (closed || transport == null) return CompletableFuture.completedFuture(ConversationPath.VIA_SERVER);
            if (state instanceof Direct) {
                if (liveLink(peerUserId) != null) return CompletableFuture.completedFuture(ConversationPath.DIRECT);
                state = new Idle(); // closed, not yet detached: open a new one
            }
            if (state instanceof Opening opening) return opening.settled();
            if (state instanceof Resting resting && resting.untilNanos() - System.nanoTime() > 0) {
                return CompletableFuture.completedFuture(ConversationPath.VIA_SERVER);
            }
            settled = new CompletableFuture<>();
            peers.put(peerUserId, new Opening(settled));
        }
        introducer.introduce(peerUserId, endpoint())
                .thenCompose(intro -> {
                    SslContext tls;
                    try {
                        tls = identity.clientContext(intro.endpoint().fingerprint());
                    } catch (SSLException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                    return transport.dial(peerUserId, intro.endpoint().candidates(), tls);
                })
                .whenComplete((link, failure) -> {
                    if (failure != null) {
                        String reason = rootMessage(failure);
                        log.debug("no direct channel to {}: {}", peerUserId, reason);
                        rest(peerUserId, settled, reason);
                    } else {
                        link.selectAndAnnounce();
                        attach(link, "connected to " + link.channel().remoteAddress());
                    }
                    settled.complete(path(peerUserId));
                });
        return settled;
    }

    private void rest(long peerUserId, CompletableFuture<ConversationPath> attempt, String reason) {
        synchronized (this) {
            if (!(peers.get(peerUserId) instanceof Opening o) || o.settled() != attempt) return;
            peers.put(peerUserId, new Resting(System.nanoTime() + settings.retryAfter().toNanos()));
        }
        publish(peerUserId, ConversationPath.VIA_SERVER, reason);
    }

    /**
     * A friend's introduction (the server's {@code DirectOffer}): expect their certificate and
     * answer with our endpoint; declined when direct channels are off.
     */
    public void onOffer(Introducer.Offer offer) {
        boolean accept;
        synchronized (this) {
            accept = !closed && transport != null && offer.fromUserId() != 0;
            if (accept) expectedFingerprints.put(offer.fromUserId(), offer.endpoint().fingerprint());
        }
        introducer.answer(offer.introId(), accept ? endpoint() : null).whenComplete((ok, e) -> {
            if (e != null) log.debug("answer to introduction {} not delivered: {}", offer.introId(), e.toString());
        });
    }

    private synchronized boolean expected(String fingerprint) {
        return expectedFingerprints.containsValue(fingerprint);
    }

    // ------------------------------------------------------------------------------ sending

    /**
     * Delivers a message directly if a channel is open or can be opened now: completes with true
     * once the friend acknowledged it (stored), false when it must go through the server (no
     * channel, the attempt failed, or the channel broke before the acknowledgement).
     */
    public CompletableFuture<Boolean> deliver(DirectMessage message) {
        Optional<CompletableFuture<Void>> sent = send(message);
        if (sent.isPresent()) return sent.get().handle((ok, e) -> e == null);
        return open(message.recipientId()).thenCompose(path -> {
            if (path != ConversationPath.DIRECT) return CompletableFuture.completedFuture(false);
            return send(message).map(f -> f.handle((ok, e) -> e == null))
                    .orElseGet(() -> CompletableFuture.completedFuture(false));
        });
    }

    /** Sends over the open channel, if there is one: completes when acknowledged end to end. */
    public Optional<CompletableFuture<Void>> send(DirectMessage m) {
        DirectLink link;
        synchronized (this) {
            link = liveLink(m.recipientId());
            if (link == null) return Optional.empty();
        }
        Content.Builder content = Content.newBuilder().setText(Text.newBuilder().setText(m.text()));
        if (m.replyToMessageId() > 0) content.setReplyToMessageId(m.replyToMessageId());
        Frame frame = Frame.newBuilder().setSendMessage(SendMessageRequest.newBuilder().setClientMsgId(m.clientMsgId())
                .setTo(Peer.newBuilder().setUserId(m.recipientId())).setContent(content)).build();
        return Optional.of(link.send(m.clientMsgId(), frame, settings.ackTimeout()));
    }

    // ------------------------------------------------------------------------------ files

    /** A file that arrived: how many bytes the receiver already had (an interrupted transfer resumed) and the size. */
    public record FileSent(long resumedFrom, long size) {}

    /**
     * Streams a file over the open channel to the friend; completes when the friend has it whole
     * and its SHA-256 matched. Fails when there is no open channel, the friend declines, the
     * channel breaks (send again with the same {@code transferId}: it resumes) or the hash differs.
     *
     * @param progress bytes the friend has written so far (on a channel thread)
     */
    public CompletableFuture<FileSent> sendFile(long peerUserId, java.nio.file.Path file, String transferId,
                                                java.util.function.LongConsumer progress) {
        DirectLink link;
        synchronized (this) {
            link = liveLink(peerUserId);
        }
        if (link == null) {
            return CompletableFuture.failedFuture(new DirectChannelException("no direct channel to " + peerUserId));
        }
        return files.send(link, transferId, file, progress).thenApply(o -> new FileSent(o.resumedFrom(), o.size()));
    }

    // ------------------------------------------------------------------------------ links

    /** Makes {@code link} the friend's channel. Of two (both dialed at once) both ends keep the one the lower id dialed. */
    private void attach(DirectLink link, String reason) {
        long peer = link.peerUserId();
        DirectLink replaced = null;
        PeerState before;
        synchronized (this) {
            if (closed || link.state() == DirectLink.State.CLOSED) return;
            if (peers.get(peer) instanceof Direct current && current.link() != link) {
                long preferred = Math.min(peer, selfUserId.getAsLong());
                boolean keepCurrent = current.link().dialerUserId() == preferred && link.dialerUserId() != preferred;
                if (keepCurrent) {
                    link.close("a channel is open already");
                    return;
                }
                replaced = current.link();
            }
            before = peers.put(peer, new Direct(link));
        }
        if (replaced != null) replaced.close("replaced by a newer channel");
        publish(peer, ConversationPath.DIRECT, reason);
        if (before instanceof Opening opening) opening.settled().complete(ConversationPath.DIRECT); // after the event
    }

    private void detached(DirectLink link) {
        long peer = link.peerUserId();
        boolean idle = "idle".equals(link.closeReason());
        synchronized (this) {
            if (!(peers.get(peer) instanceof Direct current) || current.link() != link) return;
            peers.put(peer, idle || closed ? new Idle() : new Resting(System.nanoTime() + settings.retryAfter().toNanos()));
        }
        publish(peer, ConversationPath.VIA_SERVER, "direct channel closed: " + link.closeReason());
    }

    private void publish(long peer, ConversationPath path, String reason) {
        synchronized (this) {
            if (published.put(peer, path) == path) return; // a change, or the first attempt's outcome
        }
        try {
            listener.accept(new PathChanged(peer, path, reason));
        } catch (RuntimeException e) {
            log.warn("path listener failed", e);
        }
    }

    private final class Events implements LinkHandler.Events {
        @Override
        public DirectLink handshaken(Channel channel, String fingerprint, long dialedPeer) {
            long self = selfUserId.getAsLong();
            if (dialedPeer != 0) return new DirectLink(channel, dialedPeer, self);
            synchronized (DirectChannels.this) {
                for (Map.Entry<Long, String> e : expectedFingerprints.entrySet()) {
                    if (e.getValue().equals(fingerprint)) return new DirectLink(channel, e.getKey(), e.getKey());
                }
            }
            return null;
        }

        @Override
        public void frame(DirectLink link, Frame frame) {
            if (link.state() == DirectLink.State.HANDSHAKEN) {
                if (frame.hasPing() && link.selected()) attach(link, "connected from " + link.channel().remoteAddress());
                else link.close("the first frame must select the channel");
                return;
            }
            if (files.handle(link, frame)) return;
            switch (frame.getBodyCase()) {
                case SEND_MESSAGE -> receive(link, frame.getSendMessage());
                case SEND_ACK -> link.acknowledge(frame.getSendAck().getClientMsgId());
                case PING -> { }
                default -> link.close("unexpected frame " + frame.getBodyCase());
            }
        }

        @Override
        public void closed(DirectLink link) {
            detached(link); // first: whoever learns of the failure below finds the path changed
            files.closed(link);
        }
    }

    /** Checks a message as the server would, stores it on the store thread, then acknowledges it. */
    private void receive(DirectLink link, SendMessageRequest req) {
        String id = req.getClientMsgId();
        long self = selfUserId.getAsLong();
        boolean valid = !id.isBlank() && id.length() <= Limits.CLIENT_MSG_ID_MAX_CHARS
                && req.getTo().getUserId() == self && req.getContent().hasText()
                && !req.getContent().getText().getText().isBlank()
                && req.getContent().getText().getTextBytes().size() <= Limits.TEXT_MAX_BYTES;
        if (!valid) {
            link.close("invalid message from the peer");
            return;
        }
        DirectMessage m = new DirectMessage(id, link.peerUserId(), self, System.currentTimeMillis(),
                req.getContent().getText().getText(), req.getContent().getReplyToMessageId());
        storeThread.execute(() -> {
            try {
                inbox.received(m);
                link.writeAck(id);
            } catch (RuntimeException e) {
                log.warn("a direct message could not be stored; the sender will send it through the server: {}", e.toString());
                link.close("could not store a message");
            }
        });
    }

    /** Closes the channel to one friend (the next message opens it again). */
    public void close(long peerUserId) {
        DirectLink link;
        synchronized (this) {
            link = peers.get(peerUserId) instanceof Direct d ? d.link() : null;
        }
        if (link != null) link.close("idle");
    }

    /** Closes every channel and the listener. Idempotent. */
    @Override
    public void close() {
        List<DirectLink> links;
        synchronized (this) {
            if (closed) return;
            closed = true;
            links = peers.values().stream().filter(Direct.class::isInstance).map(s -> ((Direct) s).link()).toList();
        }
        links.forEach(l -> l.close("closed"));
        if (transport != null) transport.close();
        storeThread.shutdown();
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
