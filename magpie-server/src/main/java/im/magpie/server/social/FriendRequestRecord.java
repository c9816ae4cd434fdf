package im.magpie.server.social;

import im.magpie.protocol.proto.FriendRequestState;

/**
 * A friend request as stored. {@code state} is as stored; {@link #effectiveState} also counts a
 * pending request past its expiry as expired.
 *
 * @param silenced the target blocks the requester: the target never sees this request
 */
public record FriendRequestRecord(long requestId, long fromId, long toId, String note, FriendRequestState state,
                                  boolean silenced, long createdMs, long expiresMs, long answeredMs) {

    public FriendRequestState effectiveState(long nowMs) {
        return state == FriendRequestState.PENDING && expiresMs <= nowMs ? FriendRequestState.EXPIRED : state;
    }

    public boolean isOpen(long nowMs) {
        return effectiveState(nowMs) == FriendRequestState.PENDING;
    }

    public FriendRequestRecord with(FriendRequestState newState, long answeredAtMs) {
        return new FriendRequestRecord(requestId, fromId, toId, note, newState, silenced, createdMs, expiresMs, answeredAtMs);
    }
}
