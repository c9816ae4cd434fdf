package im.magpie.client;

import java.util.List;

/**
 * What a successful login, registration or resume told this account.
 *
 * @param self this account's own profile
 * @param sessionId the server's id of this session (for logs)
 * @param resumeTokenExpiresMs when the stored resume token expires (the token itself stays in the profile)
 * @param latestSeq the newest inbox sequence at login (the session syncs up to it)
 * @param pendingFriendRequests friend requests waiting for an answer, incoming and outgoing
 */
public record LoginResult(UserProfile self, String sessionId, long resumeTokenExpiresMs, long latestSeq,
                          List<FriendRequestRecord> pendingFriendRequests) {
    public LoginResult {
        pendingFriendRequests = List.copyOf(pendingFriendRequests);
    }
}
