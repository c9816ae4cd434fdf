package im.magpie.server.message;

import im.magpie.protocol.proto.Peer;

/**
 * Where a message goes, as stored: a user (one-to-one) or a group. {@link #key} names the
 * conversation the same way for both participants of a one-to-one chat, for history pages and for
 * partitioning sends among writers (one conversation, one writer, one order).
 */
record Conversation(int kind, long peerId) {
    static final int USER = 1;
    static final int GROUP = 2;

    static Conversation of(Peer peer) {
        return switch (peer.getKindCase()) {
            case USER_ID -> new Conversation(USER, peer.getUserId());
            case GROUP_ID -> new Conversation(GROUP, peer.getGroupId());
            default -> null;
        };
    }

    boolean isGroup() {
        return kind == GROUP;
    }

    /** The conversation's key as seen by {@code senderId}'s message. */
    String key(long senderId) {
        if (kind == GROUP) return "g" + peerId;
        return "u" + Math.min(senderId, peerId) + "_" + Math.max(senderId, peerId);
    }

    Peer toPeer() {
        return kind == GROUP ? Peer.newBuilder().setGroupId(peerId).build() : Peer.newBuilder().setUserId(peerId).build();
    }

    static Peer user(long userId) {
        return Peer.newBuilder().setUserId(userId).build();
    }
}
