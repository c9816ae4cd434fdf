package im.magpie.client.history;

/** What a conversation is with: one user, or a group. Stored by name in the database. */
public enum PeerKind {
  USER,
  GROUP
}
