package im.magpie.client;

import java.util.Objects;

/**
 * A friend request, in either direction.
 *
 * @param requestId the server's id (answer or cancel it with this)
 * @param from who asked
 * @param to who was asked
 * @param note the asker's note ({@code ""} for none)
 * @param state where it stands
 * @param incoming whether it was sent to this account (false: this account sent it)
 * @param createdMs when it was sent
 * @param expiresMs when it expires unanswered
 * @param answeredMs when it was answered or cancelled, {@code 0} while pending
 */
public record FriendRequestRecord(long requestId, UserRef from, UserRef to, String note, State state,
                                  boolean incoming, long createdMs, long expiresMs, long answeredMs) {
    public FriendRequestRecord {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        note = Objects.requireNonNullElse(note, "");
        Objects.requireNonNull(state, "state");
    }

    /** The other person: the asker of an incoming request, the one asked of an outgoing one. */
    public UserRef other() {
        return incoming ? from : to;
    }

    /** Where a friend request stands. */
    public enum State {
        PENDING,
        ACCEPTED,
        REJECTED,
        CANCELLED,
        EXPIRED
    }
}
