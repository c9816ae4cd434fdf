package im.magpie.desktop.model;

/**
 * A friend in the friend list.
 *
 * @param userId the friend's user id
 * @param username the login name
 * @param displayName remark, else nickname, else username
 * @param signature the friend's status line
 * @param avatarHash "" for none
 * @param presence as last heard
 * @param categoryId the friend category (0 = the default one)
 * @param categoryName its name ("" for the default one)
 */
public record Contact(long userId, String username, String displayName, String signature, String avatarHash,
                      PresenceState presence, long categoryId, String categoryName) {}
