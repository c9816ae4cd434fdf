package im.magpie.client.history;

/** This account's role in a cached group; {@code NONE} when it is not (or no longer) a member. */
public enum MemberRole {
  NONE,
  MEMBER,
  ADMIN,
  OWNER
}
