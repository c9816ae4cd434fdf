package im.magpie.client.history;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cached groups (the {@code group_cache} table): those this account is a member of, with its
 * role, and those it has only heard of (an invitation, a request; role {@link MemberRole#NONE}),
 * so that they have names. Get it from {@link HistoryStore#groups()}. Thread-safe; methods block
 * briefly like the store's, each in one transaction.
 */
public final class GroupsCache {
  private final Database db;

  GroupsCache(Database db) {
    this.db = db;
  }

  /** Replaces the whole cache. */
  public void replace(Collection<GroupRecord> groups) {
    List<GroupRecord> copy = List.copyOf(groups);
    db.write(c -> {
      ContactDao.replaceGroups(c, copy);
      return null;
    }, "replace groups");
  }

  /**
   * Replaces the groups this account is a member of with {@code groups} (the server's list of
   * them), keeping the names of groups it is not in but has heard of (an invitation, a request).
   */
  public void replaceMemberGroups(Collection<GroupRecord> groups) {
    List<GroupRecord> copy = List.copyOf(groups);
    db.write(c -> {
      Database.update(c, "DELETE FROM group_cache WHERE my_role <> 'NONE'");
      ContactDao.upsertGroups(c, copy);
      return null;
    }, "replace groups");
  }

  /** Adds or updates one group. */
  public void upsert(GroupRecord group) {
    Objects.requireNonNull(group, "group");
    db.write(c -> {
      ContactDao.upsertGroups(c, List.of(group));
      return null;
    }, "update a group");
  }

  /** Forgets a group (the conversation and its messages stay). */
  public boolean remove(long groupId) {
    return db.write(c -> ContactDao.removeGroup(c, groupId), "remove a group");
  }

  /** The cached group with this id. */
  public Optional<GroupRecord> group(long groupId) {
    return db.read(c -> ContactDao.groups(c, "WHERE group_id = ?", groupId).stream().findFirst(),
        "read a group");
  }

  /** Every cached group (members of or heard of), by name. */
  public List<GroupRecord> all() {
    return db.read(c -> ContactDao.groups(c, "ORDER BY name COLLATE NOCASE, group_id"),
        "read groups");
  }
}
