package im.magpie.client.history;

import java.util.Objects;

/**
 * A cached group this account belongs to.
 *
 * @param groupId the group id
 * @param name the group's name
 * @param memberCount members at the time of caching
 * @param myRole this account's role
 */
public record GroupRecord(long groupId, String name, int memberCount, MemberRole myRole) {

  public GroupRecord {
    if (groupId <= 0) {
      throw new IllegalArgumentException("group id must be positive: " + groupId);
    }
    name = Objects.requireNonNullElse(name, "");
    myRole = Objects.requireNonNullElse(myRole, MemberRole.NONE);
  }
}
