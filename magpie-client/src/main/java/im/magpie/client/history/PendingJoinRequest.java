package im.magpie.client.history;

import java.util.Objects;

/**
 * A request to join a group this account administers, not answered yet, as cached from the inbox.
 *
 * @param groupId the group
 * @param userId who asks
 * @param note their note
 * @param timeMs when
 */
public record PendingJoinRequest(long groupId, long userId, String note, long timeMs) {
  public PendingJoinRequest {
    note = Objects.requireNonNullElse(note, "");
  }
}
