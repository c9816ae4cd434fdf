package im.magpie.client.history;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everyone this account has heard of, and the group invitations and join requests waiting for its
 * answer: the part of the local database that turns ids into names offline. Get it from
 * {@link HistoryStore#people()}. Thread-safe; methods block briefly like the store's.
 */
public final class PeopleCache {
  private final Database db;

  PeopleCache(Database db) {
    this.db = db;
  }

  /** Remembers people (a blank username leaves what is known of that person unchanged). */
  public void learn(Collection<KnownPerson> people) {
    if (people.isEmpty()) {
      return;
    }
    List<KnownPerson> copy = List.copyOf(people);
    db.write(c -> {
      PeopleDao.upsert(c, copy);
      return null;
    }, "remember people");
  }

  public void learn(KnownPerson person) {
    learn(List.of(Objects.requireNonNull(person, "person")));
  }

  public Optional<KnownPerson> person(long userId) {
    return db.read(c -> PeopleDao.people(c, "WHERE user_id = ?", userId), "read a person")
        .stream().findFirst();
  }

  /**
   * Finds someone by name: an exact username (ignoring case) first, else a friend's remark, else a
   * nickname, when exactly one person has it. Empty when nobody or more than one matches.
   */
  public Optional<KnownPerson> findByName(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    return db.read(c -> {
      List<KnownPerson> byUsername = PeopleDao.people(c, "WHERE lower(username) = ?", n);
      if (byUsername.size() == 1) {
        return Optional.of(byUsername.get(0));
      }
      List<KnownPerson> byRemark = PeopleDao.people(c,
          "WHERE user_id IN (SELECT user_id FROM contacts WHERE remark <> '' AND lower(remark) = ?)", n);
      if (byRemark.size() == 1) {
        return Optional.of(byRemark.get(0));
      }
      List<KnownPerson> byNickname = PeopleDao.people(c, "WHERE lower(nickname) = ?", n);
      return byNickname.size() == 1 ? Optional.of(byNickname.get(0)) : Optional.empty();
    }, "find a person by name");
  }

  /** Everyone known, by user id. */
  public List<KnownPerson> all() {
    return db.read(c -> PeopleDao.people(c, "ORDER BY user_id"), "read people");
  }

  // ------------------------------------------------------------------- invitations, join requests

  /** An invitation arrived (a newer one for the same group replaces it). */
  public void addInvitation(PendingInvitation invitation) {
    db.write(c -> Database.update(c, """
        INSERT INTO group_invitations (group_id, invited_by, time_ms) VALUES (?, ?, ?)
        ON CONFLICT (group_id) DO UPDATE SET invited_by = excluded.invited_by,
          time_ms = excluded.time_ms""",
        invitation.groupId(), invitation.invitedBy(), invitation.timeMs()), "store an invitation");
  }

  /** The invitation to {@code groupId} was answered (here or on another device) or is moot. */
  public boolean removeInvitation(long groupId) {
    return db.write(c -> Database.update(c, "DELETE FROM group_invitations WHERE group_id = ?",
        groupId), "remove an invitation") > 0;
  }

  /** Invitations not answered yet, oldest first. */
  public List<PendingInvitation> invitations() {
    return db.read(PeopleDao::invitations, "read invitations");
  }

  public void addJoinRequest(PendingJoinRequest request) {
    db.write(c -> Database.update(c, """
        INSERT INTO join_requests (group_id, user_id, note, time_ms) VALUES (?, ?, ?, ?)
        ON CONFLICT (group_id, user_id) DO UPDATE SET note = excluded.note,
          time_ms = excluded.time_ms""",
        request.groupId(), request.userId(), request.note(), request.timeMs()),
        "store a join request");
  }

  /** The request of {@code userId} to join {@code groupId} was answered (by anyone) or is moot. */
  public boolean removeJoinRequest(long groupId, long userId) {
    return db.write(c -> Database.update(c,
        "DELETE FROM join_requests WHERE group_id = ? AND user_id = ?", groupId, userId),
        "remove a join request") > 0;
  }

  /** Every join request of a group that is gone or that this account no longer administers. */
  public void removeJoinRequests(long groupId) {
    db.write(c -> Database.update(c, "DELETE FROM join_requests WHERE group_id = ?", groupId),
        "remove join requests");
  }

  /** Join requests not answered yet, oldest first. */
  public List<PendingJoinRequest> joinRequests() {
    return db.read(PeopleDao::joinRequests, "read join requests");
  }
}
