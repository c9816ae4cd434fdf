package im.magpie.client;

import java.util.Objects;

/**
 * A request to join a group this account administers, not answered yet (approve or reject it with
 * {@link GroupChats#answerJoinRequest}).
 *
 * @param group the group
 * @param requester who asks to join
 * @param note their note ({@code ""} for none)
 * @param timeMs when they asked
 */
public record JoinRequest(GroupRef group, UserRef requester, String note, long timeMs) {
    public JoinRequest {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(requester, "requester");
        note = Objects.requireNonNullElse(note, "");
    }
}
