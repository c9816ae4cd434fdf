package im.magpie.client.history;

import java.util.Objects;

/**
 * Someone this account has heard of (a friend, a requester, a fellow member, a sender), as cached
 * in the {@code people} table. Friends also have a {@link ContactRecord} with remark and presence.
 *
 * @param userId the user id
 * @param username the login name, {@code ""} if not known
 * @param nickname the nickname, {@code ""} for none
 * @param avatarHash hex SHA-256 of the avatar, {@code ""} for none
 */
public record KnownPerson(long userId, String username, String nickname, String avatarHash) {
  public KnownPerson {
    if (userId <= 0) {
      throw new IllegalArgumentException("user id must be positive: " + userId);
    }
    username = Objects.requireNonNullElse(username, "");
    nickname = Objects.requireNonNullElse(nickname, "");
    avatarHash = Objects.requireNonNullElse(avatarHash, "");
  }
}
