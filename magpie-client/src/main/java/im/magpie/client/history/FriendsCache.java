package im.magpie.client.history;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cached friend list (the {@code contacts} table): friends with their categories, remarks and
 * presence, and the server's version of the list. Get it from {@link HistoryStore#friends()}.
 * Thread-safe; methods block briefly like the store's, each in one transaction.
 */
public final class FriendsCache {
  private final Database db;

  FriendsCache(Database db) {
    this.db = db;
  }

  /** Replaces the whole cache with a list whose server version is not known. */
  public void replace(Collection<ContactRecord> contacts) {
    replace(contacts, 0);
  }

  /**
   * Replaces the whole cache with the server's friend list of {@code friendListVersion}
   * ({@code FriendList.version}; 0 = unknown), in one transaction with the version. A list older
   * than the one held (a smaller non-zero version) is ignored: answers and pushes can cross.
   * Everyone on the list is also remembered in {@link HistoryStore#people()} (and stays there when
   * unfriended).
   *
   * @return false if the list was older than the one held and changed nothing
   */
  public boolean replace(Collection<ContactRecord> contacts, long friendListVersion) {
    List<ContactRecord> copy = List.copyOf(contacts);
    return db.write(c -> {
      long held = SyncStateDao.friendListVersion(c);
      if (friendListVersion > 0 && held > friendListVersion) {
        return false; // an answer that left the server before a newer list: keep the newer one
      }
      ContactDao.replaceContacts(c, copy);
      PeopleDao.upsert(c, copy.stream().map(FriendsCache::person).toList());
      SyncStateDao.setFriendListVersion(c, friendListVersion);
      return true;
    }, "replace contacts");
  }

  private static KnownPerson person(ContactRecord r) {
    return new KnownPerson(r.userId(), r.username(), r.nickname(), r.avatarHash());
  }

  /**
   * The server's version of the cached friend list, 0 if unknown: what a reconnect says it holds,
   * so an unchanged list is not sent again. Changes applied from pushes leave it alone (the
   * server's version moved with them, so the next login brings the whole list).
   */
  public long version() {
    return db.read(SyncStateDao::friendListVersion, "read the friend list version");
  }

  /** Adds or updates one friend. */
  public void upsert(ContactRecord contact) {
    Objects.requireNonNull(contact, "contact");
    db.write(c -> {
      ContactDao.upsertContacts(c, List.of(contact));
      PeopleDao.upsert(c, List.of(person(contact)));
      return null;
    }, "update a contact");
  }

  /** Sets a friend's presence; returns {@code false} if the friend is not cached. */
  public boolean updatePresence(long userId, Presence presence) {
    Objects.requireNonNull(presence, "presence");
    return db.write(c -> ContactDao.updatePresence(c, userId, presence), "update presence");
  }

  /**
   * Sets every friend's presence at once, in one transaction: those in {@code notOffline} to
   * theirs, everyone else to {@link Presence#OFFLINE} (a login that kept the cached list).
   */
  public void replacePresence(Map<Long, Presence> notOffline) {
    Map<Long, Presence> copy = Map.copyOf(notOffline);
    db.write(c -> {
      ContactDao.setAllOffline(c);
      for (Map.Entry<Long, Presence> e : copy.entrySet()) {
        ContactDao.updatePresence(c, e.getKey(), e.getValue());
      }
      return null;
    }, "replace presence");
  }

  /** Forgets a friend (the conversation, its messages and the name in people() stay). */
  public boolean remove(long userId) {
    return db.write(c -> ContactDao.removeContact(c, userId), "remove a contact");
  }

  /** The cached friend with this user id. */
  public Optional<ContactRecord> friend(long userId) {
    return db.read(c -> ContactDao.contact(c, userId), "read a contact");
  }

  /** Every cached friend, by category then display name. */
  public List<ContactRecord> all() {
    return db.read(c -> ContactDao.contacts(c, """
        ORDER BY category_id, coalesce(nullif(remark, ''), nullif(nickname, ''), username)
                 COLLATE NOCASE, user_id"""), "read contacts");
  }
}
