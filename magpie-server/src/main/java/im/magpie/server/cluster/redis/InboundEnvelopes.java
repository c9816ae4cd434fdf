package im.magpie.server.cluster.redis;

import im.magpie.protocol.proto.Frame;
import im.magpie.server.cluster.ClusterListener;
import im.magpie.server.cluster.LocalRouter;
import im.magpie.server.session.SessionRegistry;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does with each {@link Envelope} other nodes publish to it ({@code {p}to:{n}}) or to
 * all ({@code {p}all}): deliver pushes to its connections, keep the {@link RemoteDirectory} and the
 * status mirror current, and tell the node-local state through the {@link ClusterListener}.
 * Called on a Lettuce thread: never blocks (a node's directory reload goes to the heartbeat thread).
 */
final class InboundEnvelopes {
    private static final Logger log = LoggerFactory.getLogger(InboundEnvelopes.class);

    private final int self;
    private final SessionRegistry sessions;
    private final LocalRouter local;
    private final RemoteDirectory remote;
    private final RedisStatuses statuses;
    private final Supplier<ClusterListener> listener;
    private final IntConsumer reloadNodeLater;

    InboundEnvelopes(int self, SessionRegistry sessions, LocalRouter local, RemoteDirectory remote, RedisStatuses statuses,
                     Supplier<ClusterListener> listener, IntConsumer reloadNodeLater) {
        this.self = self;
        this.sessions = sessions;
        this.local = local;
        this.remote = remote;
        this.statuses = statuses;
        this.listener = listener;
        this.reloadNodeLater = reloadNodeLater;
    }

    /** On a Lettuce thread: must not block (directory reloads go to the heartbeat thread). */
    void onMessage(byte[] message) {
        Envelope e;
        try {
            e = Envelope.decode(message);
        } catch (RuntimeException ex) {
            log.warn("ignored a malformed cluster message: {}", ex.toString());
            return;
        }
        long u = e.userId();
        switch (e.kind()) {
            case PUSH -> deliver(u, e.payload());
            case ONLINE -> {
                if (e.nodeId() == self) return;
                remote.add(u, e.nodeId());
                listener.get().remoteChange(u);
            }
            case OFFLINE -> {
                if (e.nodeId() == self) return;
                boolean gone = remote.remove(u, e.nodeId());
                listener.get().remoteChange(u);
                if (gone && !sessions.isOnline(u)) listener.get().offlineEverywhere(u, false);
            }
            case CHANGED -> {
                if (e.nodeId() == self) return;
                statuses.adopt(u, Integer.parseInt(e.text()));
                listener.get().remoteChange(u);
            }
            case NODE_SYNC -> {
                if (e.nodeId() != self) reloadNodeLater.accept(e.nodeId());
            }
            case DISCONNECT -> local.disconnect(u, e.text());
            case RELAY -> relayed(u, e.payload());
            case PUSH_EXCEPT -> deliverExcept(u, e);
        }
    }

    private void deliver(long userId, byte[] frameBytes) {
        Frame frame;
        try {
            frame = Frame.parseFrom(frameBytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            log.warn("ignored a malformed push from another node");
            return;
        }
        local.push(userId, frame);
        if (frame.hasEvent()) listener.get().remoteEvent(userId, frame.getEvent().getEvent().getSeq());
    }

    private void deliverExcept(long userId, Envelope e) {
        Frame frame;
        String session;
        try {
            session = e.skippedSession();
            frame = Frame.parseFrom(e.skippedFrame());
        } catch (RuntimeException | com.google.protobuf.InvalidProtocolBufferException ex) {
            log.warn("ignored a malformed push from another node");
            return;
        }
        local.pushExceptSession(userId, frame, session);
        if (frame.hasEvent()) listener.get().remoteEvent(userId, frame.getEvent().getEvent().getSeq());
    }

    private void relayed(long userId, byte[] frameBytes) {
        try {
            listener.get().relayed(userId, Frame.parseFrom(frameBytes));
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            log.warn("ignored a malformed request relayed from another node");
        }
    }
}
