package im.magpie.client;

import java.util.List;

/**
 * The friend requests waiting for an answer.
 *
 * @param incoming requests to this account, oldest first
 * @param outgoing requests this account sent, oldest first
 */
public record FriendRequests(List<FriendRequestRecord> incoming, List<FriendRequestRecord> outgoing) {
    public FriendRequests {
        incoming = List.copyOf(incoming);
        outgoing = List.copyOf(outgoing);
    }
}
