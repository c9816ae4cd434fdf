package im.magpie.server.cluster.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What one node publishes to others, as bytes: a kind, a user (or node) and, for a push, the
 * protobuf {@code Frame} exactly as a client gets it. Not part of the client protocol; all nodes of
 * a cluster run the same version.
 */
record Envelope(Kind kind, long userId, int nodeId, byte[] payload) {
    enum Kind {
        /** Deliver {@code payload} (a Frame) to the user's devices on the receiving node. */
        PUSH,
        /** The user's first device on {@code nodeId} logged in. */
        ONLINE,
        /** The user's last device on {@code nodeId} logged out. */
        OFFLINE,
        /** The user chose a status; {@code payload}: its PresenceStatus number in decimal. */
        CHANGED,
        /** Node {@code nodeId} rewrote its user list (it started, or came back after an outage): reload it. */
        NODE_SYNC,
        /** Close the user's devices; {@code payload}: a session id in UTF-8, empty for all. */
        DISCONNECT,
        /** A request of the user made on {@code nodeId}, for state kept on the receiving node; {@code payload}: a Frame. */
        RELAY,
        /**
         * Deliver to the user's devices on the receiving node but one; {@code payload}: the skipped
         * device's session id (2-byte length, UTF-8), then the Frame.
         */
        PUSH_EXCEPT
    }

    private static final Kind[] KINDS = Kind.values();

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + payload.length);
        b.put((byte) kind.ordinal()).putLong(userId).putInt(nodeId).put(payload);
        return b.array();
    }

    static Envelope decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int k = b.get();
        if (k < 0 || k >= KINDS.length) throw new IllegalArgumentException("unknown envelope kind " + k);
        long user = b.getLong();
        int node = b.getInt();
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        return new Envelope(KINDS[k], user, node, payload);
    }

    static Envelope of(Kind kind, long userId, int nodeId) {
        return new Envelope(kind, userId, nodeId, new byte[0]);
    }

    /** A PUSH_EXCEPT: {@code frame} for the user's devices on the receiving node but the one of {@code sessionId}. */
    static Envelope pushExcept(long userId, int nodeId, String sessionId, byte[] frame) {
        byte[] session = sessionId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + session.length + frame.length);
        b.putShort((short) session.length).put(session).put(frame);
        return new Envelope(Kind.PUSH_EXCEPT, userId, nodeId, b.array());
    }

    /** A PUSH_EXCEPT's skipped session id (its frame: {@link #skippedFrame}). */
    String skippedSession() {
        ByteBuffer b = ByteBuffer.wrap(payload);
        byte[] session = new byte[b.getShort() & 0xFFFF];
        b.get(session);
        return new String(session, StandardCharsets.UTF_8);
    }

    /** A PUSH_EXCEPT's frame bytes. */
    ByteBuffer skippedFrame() {
        ByteBuffer b = ByteBuffer.wrap(payload);
        b.position(2 + (b.getShort() & 0xFFFF));
        return b;
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
