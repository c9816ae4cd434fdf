package im.magpie.client.history;

/** A contact's presence as last seen by this client. {@code UNKNOWN} until the server tells. */
public enum Presence {
  UNKNOWN,
  OFFLINE,
  ONLINE,
  AWAY,
  BUSY,
  INVISIBLE
}
