package im.magpie.client.history;

import java.util.List;

/**
 * The local schema as a list of {@link Migration}s. Never edit a released migration: add a new
 * one (and the store backs the file up to {@code history.db.bak-v<old>} before running it).
 *
 * <p>Layout (version 1):
 *
 * <ul>
 *   <li>{@code contacts}, {@code group_cache}: caches of the friend list and of the groups,
 *       replaced whenever the server sends a whole list.
 *   <li>{@code conversations}: one row per (peer_kind, peer_id); {@code last_message_row} points
 *       at the newest message (by time, then row id); {@code unread_count} is recomputed from
 *       {@code messages} whenever a message arrives, is read or recalled.
 *   <li>{@code messages}: {@code id} is the local row id (paging cursor); {@code message_id} the
 *       server id, NULL until acknowledged; {@code client_msg_id} the sender's UUID; both unique,
 *       which makes inserting idempotent. {@code text} is NULL once recalled.
 *   <li>{@code outbox}: messages written locally and not yet acknowledged, in enqueue order
 *       ({@code seq} AUTOINCREMENT: never reused).
 *   <li>{@code sync_state}: one row, the last inbox sequence whose events are all stored, and
 *       (version 2) the server's version of the friend list held in {@code contacts}.
 *   <li>{@code messages_fts}: FTS5 external-content index over {@code messages.text} with the
 *       {@code trigram} tokenizer (substring matching for CJK and case-insensitive English), kept
 *       in sync by triggers; a recalled (NULL) text leaves no token in the index.
 *   <li>{@code notices} (version 4): inbox notices kept until seen, see {@link NoticeBox}.
 * </ul>
 */
final class Schema {

  private Schema() {}

  static final Migration V1 = new Migration(1, "initial schema", List.of(
      """
      CREATE TABLE contacts (
        user_id       INTEGER PRIMARY KEY,
        username      TEXT NOT NULL,
        nickname      TEXT NOT NULL DEFAULT '',
        remark        TEXT NOT NULL DEFAULT '',
        avatar_hash   TEXT NOT NULL DEFAULT '',
        signature     TEXT NOT NULL DEFAULT '',
        presence      TEXT NOT NULL DEFAULT 'UNKNOWN',
        category_id   INTEGER NOT NULL DEFAULT 0,
        category_name TEXT NOT NULL DEFAULT ''
      )""",
      """
      CREATE TABLE group_cache (
        group_id      INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        member_count  INTEGER NOT NULL DEFAULT 0,
        my_role       TEXT NOT NULL DEFAULT 'NONE'
      )""",
      """
      CREATE TABLE conversations (
        id                   INTEGER PRIMARY KEY,
        peer_kind            TEXT NOT NULL CHECK (peer_kind IN ('USER', 'GROUP')),
        peer_id              INTEGER NOT NULL,
        last_message_row     INTEGER,
        last_activity_ms     INTEGER NOT NULL DEFAULT 0,
        unread_count         INTEGER NOT NULL DEFAULT 0,
        last_read_message_id INTEGER NOT NULL DEFAULT 0,
        UNIQUE (peer_kind, peer_id)
      )""",
      "CREATE INDEX conversations_by_activity ON conversations (last_activity_ms DESC, id DESC)",
      """
      CREATE TABLE messages (
        id                  INTEGER PRIMARY KEY,
        message_id          INTEGER UNIQUE,
        client_msg_id       TEXT UNIQUE,
        conversation_id     INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        sender_id           INTEGER NOT NULL,
        outgoing            INTEGER NOT NULL CHECK (outgoing IN (0, 1)),
        time_ms             INTEGER NOT NULL,
        text                TEXT,
        reply_to_message_id INTEGER NOT NULL DEFAULT 0,
        mentions_me         INTEGER NOT NULL DEFAULT 0 CHECK (mentions_me IN (0, 1)),
        status              TEXT NOT NULL CHECK (status IN
                              ('SENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'RECALLED')),
        recalled            INTEGER NOT NULL DEFAULT 0 CHECK (recalled IN (0, 1)),
        inbox_seq           INTEGER
      )""",
      "CREATE INDEX messages_by_conversation_time ON messages (conversation_id, time_ms, id)",
      "CREATE INDEX messages_by_conversation_message_id ON messages (conversation_id, message_id)",
      """
      CREATE INDEX messages_unread ON messages (conversation_id)
        WHERE outgoing = 0 AND status = 'DELIVERED'""",
      """
      CREATE TABLE outbox (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        message_row INTEGER NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
        attempts    INTEGER NOT NULL DEFAULT 0,
        enqueued_ms INTEGER NOT NULL
      )""",
      """
      CREATE TABLE sync_state (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        last_seq INTEGER NOT NULL CHECK (last_seq >= 0)
      )""",
      "INSERT INTO sync_state (id, last_seq) VALUES (1, 0)",
      """
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        text, content = 'messages', content_rowid = 'id', tokenize = 'trigram')""",
      // The canonical external-content triggers: every row is in the index, a NULL (recalled)
      // text as zero tokens, so FTS5's 'integrity-check' holds and 'delete' always matches.
      """
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
      END""",
      """
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END""",
      """
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
      END"""));

  /**
   * Version 2: the version of the friend list in {@code contacts} ({@code FriendList.version} from
   * the server, 0 = unknown), so a reconnect, also after a restart, is not sent an unchanged list.
   */
  static final Migration V2 = new Migration(2, "friend list version", List.of(
      "ALTER TABLE sync_state ADD COLUMN friend_list_version INTEGER NOT NULL DEFAULT 0"));

  /**
   * Version 3: everyone this account has heard of ({@code people}: friends, requesters, members,
   * senders; names survive unfriending so history keeps showing them), and what waits for this
   * account's answer ({@code group_invitations}, {@code join_requests}), learnt from the inbox.
   */
  static final Migration V3 = new Migration(3, "people, invitations, join requests", List.of(
      """
      CREATE TABLE people (
        user_id     INTEGER PRIMARY KEY,
        username    TEXT NOT NULL DEFAULT '',
        nickname    TEXT NOT NULL DEFAULT '',
        avatar_hash TEXT NOT NULL DEFAULT ''
      )""",
      "INSERT INTO people (user_id, username, nickname, avatar_hash) "
          + "SELECT user_id, username, nickname, avatar_hash FROM contacts",
      """
      CREATE TABLE group_invitations (
        group_id   INTEGER PRIMARY KEY,
        invited_by INTEGER NOT NULL,
        time_ms    INTEGER NOT NULL
      )""",
      """
      CREATE TABLE join_requests (
        group_id  INTEGER NOT NULL,
        user_id   INTEGER NOT NULL,
        note      TEXT NOT NULL DEFAULT '',
        time_ms   INTEGER NOT NULL,
        PRIMARY KEY (group_id, user_id)
      )"""));

  /**
   * Version 4: what a person has not been shown yet. {@code notices} keeps every inbox notice
   * (friend requests and answers, group notices, file offers and answers, receipts, recalls) as the
   * server sent it, until some front end marks it seen; {@code messages.seen} is 0 for a message
   * synced from the inbox and not yet shown (older rows count as seen), so a one-shot command's
   * quiet sync no longer uses them up before {@code magpie receive} prints them.
   */
  static final Migration V4 = new Migration(4, "notices and messages not yet seen", List.of(
      """
      CREATE TABLE notices (
        seq      INTEGER PRIMARY KEY,
        time_ms  INTEGER NOT NULL,
        kind     TEXT NOT NULL,
        payload  BLOB NOT NULL,
        seen     INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1))
      )""",
      "CREATE INDEX notices_unseen ON notices (seq) WHERE seen = 0",
      "ALTER TABLE messages ADD COLUMN seen INTEGER NOT NULL DEFAULT 1 CHECK (seen IN (0, 1))",
      "CREATE INDEX messages_unseen ON messages (id) WHERE seen = 0"));

  /** Every migration, in order. The last one's version is the current schema version. */
  static final List<Migration> MIGRATIONS = List.of(V1, V2, V3, V4);
}
