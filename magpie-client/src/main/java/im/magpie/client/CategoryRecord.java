package im.magpie.client;

import im.magpie.client.internal.Friends;

/**
 * A friend category ("My Friends", "Family", ...).
 *
 * @param categoryId the id
 * @param name its name
 * @param position its place in the list, from 0
 * @param isDefault whether it is the default category (cannot be deleted)
 */
public record CategoryRecord(long categoryId, String name, int position, boolean isDefault) {}
