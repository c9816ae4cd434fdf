package im.magpie.client.history;

import java.util.Objects;

/**
 * The key of a conversation: a user (one-to-one chat) or a group. Immutable.
 *
 * @param kind user or group
 * @param id the user id or the group id, positive
 */
public record PeerRef(PeerKind kind, long id) {

  public PeerRef {
    Objects.requireNonNull(kind, "kind");
    if (id <= 0) {
      throw new IllegalArgumentException("peer id must be positive: " + id);
    }
  }

  /** The one-to-one conversation with {@code userId}. */
  public static PeerRef user(long userId) {
    return new PeerRef(PeerKind.USER, userId);
  }

  /** The conversation of group {@code groupId}. */
  public static PeerRef group(long groupId) {
    return new PeerRef(PeerKind.GROUP, groupId);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
