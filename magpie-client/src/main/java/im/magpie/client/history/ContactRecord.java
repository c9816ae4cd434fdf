package im.magpie.client.history;

import java.util.Objects;

/**
 * A cached friend. Strings are never {@code null} ({@code ""} for none).
 *
 * @param userId the user id
 * @param username the unique login name
 * @param nickname the display name the user chose
 * @param remark this account's private alias for the user
 * @param avatarHash hex SHA-256 of the avatar, {@code ""} for none
 * @param signature the user's status line
 * @param presence last known presence
 * @param categoryId the friend category ({@code 0} if unknown)
 * @param categoryName the category's name
 */
public record ContactRecord(
    long userId,
    String username,
    String nickname,
    String remark,
    String avatarHash,
    String signature,
    Presence presence,
    long categoryId,
    String categoryName) {

  public ContactRecord {
    if (userId <= 0) {
      throw new IllegalArgumentException("user id must be positive: " + userId);
    }
    username = Objects.requireNonNullElse(username, "");
    nickname = Objects.requireNonNullElse(nickname, "");
    remark = Objects.requireNonNullElse(remark, "");
    avatarHash = Objects.requireNonNullElse(avatarHash, "");
    signature = Objects.requireNonNullElse(signature, "");
    presence = Objects.requireNonNullElse(presence, Presence.UNKNOWN);
    categoryName = Objects.requireNonNullElse(categoryName, "");
  }

  /** The name a UI shows: the remark, else the nickname, else the username. */
  public String displayName() {
    if (!remark.isBlank()) {
      return remark;
    }
    return nickname.isBlank() ? username : nickname;
  }
}
