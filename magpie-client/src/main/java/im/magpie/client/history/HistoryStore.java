package im.magpie.client.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The local history of one account on one server: a SQLite database (see {@link HistoryPaths}
 * for where it lives) that is the single source of truth for what a client shows.
 *
 * <h2>Facets</h2>
 * This class holds conversations, messages, the sync state and search. The rest of the database
 * is reached through facets that share its one connection and lock (made with it, never alone):
 * {@link #friends()} (the friend list and presence), {@link #groups()}, {@link #people()}
 * (everyone heard of, pending invitations and join requests), {@link #outbox()} and
 * {@link #notices()} (what no front end has shown yet). What is said
 * below of thread safety and failures holds for them too.
 *
 * <h2>Thread safety</h2>
 * A store is safe to use from any number of threads (the library's event thread, UI threads,
 * commands). It owns one connection guarded by a lock; every method holds the lock for its whole
 * work and every method that writes runs in one transaction, so other threads see either none or
 * all of it. Methods block while another thread's call runs (a large sync batch may take some
 * milliseconds): call them off a UI's event-dispatch thread if that matters. Records returned are
 * immutable snapshots.
 *
 * <h2>Delivery contracts</h2>
 * <ul>
 *   <li>A message is stored once: {@link #insertIncoming} and {@link #applySyncedEvents} ignore a
 *       message whose server id, or whose client id from the same sender, is already stored ("never
 *       shown twice"). Only newly stored messages are returned, so a UI can notify exactly once.
 *   <li>{@link Outbox#enqueue} writes the message (status SENDING) and its outbox entry in one
 *       transaction; it stays in {@link Outbox#pending()} until {@link Outbox#acknowledge} (or
 *       {@link Outbox#markFailed}), which is also one transaction.
 *   <li>The last synced sequence ({@link #lastSeq()}) never goes backwards and is committed in the
 *       same transaction as the events it covers.
 *   <li>Statuses of own messages only move forward (SENT → DELIVERED → READ).
 * </ul>
 *
 * <h2>Failures</h2>
 * Every method may throw {@link HistoryStoreException} ({@code CORRUPT}, {@code LOCKED},
 * {@code DISK_FULL}, {@code IO}, ...); a failed write changed nothing. Opening never deletes or
 * overwrites an unreadable file. Arguments out of range throw {@link IllegalArgumentException};
 * any method after {@link #close()} throws {@link IllegalStateException}.
 */
public final class HistoryStore implements AutoCloseable {

  /** Upper bound of a page of messages or conversations. */
  public static final int MAX_PAGE_SIZE = 500;

  /** The schema version this code writes ({@code PRAGMA user_version}). */
  public static final int SCHEMA_VERSION = Schema.MIGRATIONS.size();

  private final Database db;
  private final HistoryStoreOptions options;
  // Facets: parts of this database with one subject each, sharing its connection and lock.
  private final FriendsCache friends;
  private final GroupsCache groups;
  private final PeopleCache people;
  private final Outbox outbox;
  private final NoticeBox notices;

  private HistoryStore(Database db, HistoryStoreOptions options) {
    this.db = db;
    this.options = options;
    this.friends = new FriendsCache(db);
    this.groups = new GroupsCache(db);
    this.people = new PeopleCache(db);
    this.outbox = new Outbox(db, options);
    this.notices = new NoticeBox(db);
  }

  /** The cached friend list: friends, their presence, the list's server version. */
  public FriendsCache friends() {
    return friends;
  }

  /** The cached groups: those this account is in, and those it has heard of. */
  public GroupsCache groups() {
    return groups;
  }

  /** Everyone this account has heard of, pending invitations and join requests. */
  public PeopleCache people() {
    return people;
  }

  /** Own messages waiting for the server's acknowledgement. */
  public Outbox outbox() {
    return outbox;
  }

  /** Inbox notices and messages not yet shown to the person, with their "seen" marks. */
  public NoticeBox notices() {
    return notices;
  }

  /** Opens (creating or migrating it if needed) the database at {@code file} with defaults. */
  public static HistoryStore open(Path file) {
    return open(file, HistoryStoreOptions.defaults());
  }

  /**
   * Opens the database at {@code file}, creating its directories and the file if needed, and
   * migrates it to {@link #SCHEMA_VERSION} after copying it to {@code <file>.bak-v<old>}.
   *
   * @throws HistoryStoreException {@code CORRUPT} if the file is not a readable history database
   *     (it is left untouched), {@code NEWER_SCHEMA}, {@code LOCKED}, {@code IO}
   */
  public static HistoryStore open(Path file, HistoryStoreOptions options) {
    return open(file, options, Schema.MIGRATIONS);
  }

  static HistoryStore open(Path file, HistoryStoreOptions options, List<Migration> migrations) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    return new HistoryStore(Database.open(file, options.busyTimeout(), migrations), options);
  }

  /** The database file (absolute). */
  public Path file() {
    return db.file();
  }

  Database database() {
    return db;
  }

  // ------------------------------------------------------------------------------ conversations

  /** The conversation list, most recently active first, at most {@code limit} rows. */
  public List<ConversationRecord> conversations(int limit) {
    checkLimit(limit);
    return db.read(c -> ConversationDao.list(c, limit), "read conversations");
  }

  /** One conversation, if it exists (a message arrived or it was opened). */
  public Optional<ConversationRecord> conversation(PeerRef peer) {
    Objects.requireNonNull(peer, "peer");
    return db.read(c -> ConversationDao.find(c, peer), "read a conversation");
  }

  /** Creates the conversation if it does not exist (e.g. the user opened a chat) and returns it. */
  public ConversationRecord openConversation(PeerRef peer) {
    Objects.requireNonNull(peer, "peer");
    return db.write(c -> {
      ConversationDao.ensure(c, peer, options.clock().millis());
      return ConversationDao.find(c, peer).orElseThrow();
    }, "open a conversation");
  }

  /**
   * Marks incoming messages of a conversation read, up to and including server message id
   * {@code upToMessageId} (and those without a server id); the unread count follows.
   *
   * @return {@code false} if there is no such conversation
   */
  public boolean markRead(PeerRef peer, long upToMessageId) {
    Objects.requireNonNull(peer, "peer");
    return db.write(c -> ConversationDao.markRead(c, peer, upToMessageId), "mark read");
  }

  /**
   * Marks every incoming message of a conversation read.
   *
   * @return the highest incoming server message id (to send in a read receipt), {@code 0} if none
   */
  public long markAllRead(PeerRef peer) {
    Objects.requireNonNull(peer, "peer");
    return db.write(c -> {
      long id = ConversationDao.idOf(c, peer);
      long upTo = Database.queryLong(c,
          "SELECT max(message_id) FROM messages WHERE conversation_id = ? AND outgoing = 0", 0, id);
      ConversationDao.markRead(c, peer, upTo);
      return upTo;
    }, "mark read");
  }

  // ---------------------------------------------------------------------------------- messages

  /**
   * Stores a received message unless it is already stored (same server id, or same client id
   * from the same sender); an own message synced back gets its server id. Creates the
   * conversation, updates its preview and unread count.
   *
   * @return the stored message if it is new, empty if it was already there
   */
  public Optional<MessageRecord> insertIncoming(IncomingMessage message) {
    Objects.requireNonNull(message, "message");
    return db.write(c -> MessageDao.insertIncoming(c, message), "store a message");
  }

  /**
   * Records that the server accepted an own message: server id, server time, status SENT (from
   * SENDING or FAILED). Also removes it from the outbox. Idempotent.
   *
   * @return {@code false} if no own message has this client id, or it has another server id
   */
  public boolean markSent(String clientMsgId, long messageId, long serverTimeMs) {
    Objects.requireNonNull(clientMsgId, "clientMsgId");
    checkMessageId(messageId);
    return db.write(c -> MessageDao.markSent(c, clientMsgId, messageId, serverTimeMs),
        "mark a message sent");
  }

  /**
   * Applies a receipt from the other side: own messages in {@code peer}'s conversation up to and
   * including {@code upToMessageId} become DELIVERED or READ (never backwards).
   *
   * @return how many messages changed
   */
  public int applyReceipt(PeerRef peer, ReceiptKind kind, long upToMessageId) {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(kind, "kind");
    return db.write(c -> MessageDao.applyReceipt(c, peer, kind, upToMessageId),
        "apply a receipt");
  }

  /**
   * Recalls a message: its text is removed (also from the search index), it is flagged recalled
   * with status RECALLED, and it no longer counts as unread.
   *
   * @return {@code false} if no message has this server id
   */
  public boolean recall(long messageId) {
    checkMessageId(messageId);
    return db.write(c -> MessageDao.recall(c, messageId), "recall a message");
  }

  /** The message with this local row id. */
  public Optional<MessageRecord> message(long localId) {
    return db.read(c -> MessageDao.byLocalId(c, localId), "read a message");
  }

  /** The message with this server id. */
  public Optional<MessageRecord> messageById(long messageId) {
    return db.read(c -> MessageDao.byMessageId(c, messageId), "read a message");
  }

  /** The message with this client message id. */
  public Optional<MessageRecord> messageByClientMsgId(String clientMsgId) {
    Objects.requireNonNull(clientMsgId, "clientMsgId");
    return db.read(c -> MessageDao.byClientMsgId(c, clientMsgId), "read a message");
  }

  /** The newest {@code limit} messages of a conversation, newest first. */
  public MessagePage latestMessages(PeerRef peer, int limit) {
    return messagesBefore(peer, 0, limit);
  }

  /**
   * The {@code limit} messages of a conversation just older than the message with local row id
   * {@code beforeLocalId} (by time, then row id), newest first; {@code beforeLocalId <= 0} means
   * the newest page. Pass the last element's local id to get the next page.
   */
  public MessagePage messagesBefore(PeerRef peer, long beforeLocalId, int limit) {
    Objects.requireNonNull(peer, "peer");
    checkLimit(limit);
    return db.read(c -> MessageDao.page(c, peer, beforeLocalId, limit), "read messages");
  }

  /**
   * Like {@link #messagesBefore} with the cursor given as a server message id (as in the
   * protocol's HistoryRequest): {@code 0} means the newest page, an unknown id gives an empty
   * page.
   */
  public MessagePage messagesBeforeMessageId(PeerRef peer, long beforeMessageId, int limit) {
    Objects.requireNonNull(peer, "peer");
    checkLimit(limit);
    if (beforeMessageId == 0) {
      return latestMessages(peer, limit);
    }
    checkMessageId(beforeMessageId);
    return db.read(c -> {
      Optional<MessageRecord> cursor = MessageDao.byMessageId(c, beforeMessageId)
          .filter(m -> m.peer().equals(peer));
      return cursor.isEmpty() ? new MessagePage(List.of(), false)
          : MessageDao.page(c, peer, cursor.get().localId(), limit);
    }, "read messages");
  }

  // -------------------------------------------------------------------------------------- sync

  /** The highest inbox sequence whose events are all stored; {@code 0} before the first sync. */
  public long lastSeq() {
    return db.read(SyncStateDao::lastSeq, "read the sync state");
  }

  /**
   * Raises the last synced sequence to {@code seq}; a lower value changes nothing.
   *
   * @return the last synced sequence after the call
   */
  public long advanceSeq(long seq) {
    return db.write(c -> SyncStateDao.advance(c, seq), "advance the sync state");
  }

  /**
   * Applies a page of synced inbox events and raises the last synced sequence to {@code newSeq},
   * all in one transaction: after a crash either both or neither are stored. Already stored
   * messages are skipped; receipts and recalls are applied (both are idempotent).
   *
   * @param events the history-relevant events of the page, in sequence order
   * @param newSeq the highest sequence the page covers (including events not in {@code events})
   * @return the messages that were new, in the order given
   */
  public List<MessageRecord> applySyncedEvents(List<? extends HistoryEvent> events, long newSeq) {
    return applySyncedEvents(events, List.of(), newSeq);
  }

  /**
   * Like {@link #applySyncedEvents(List, long)}, and also keeps {@code notices} in the same
   * transaction; new messages and the notices wait unseen in {@link #notices()}.
   */
  public List<MessageRecord> applySyncedEvents(List<? extends HistoryEvent> events,
      List<NoticeRecord> notices, long newSeq) {
    List<HistoryEvent> copy = List.copyOf(events);
    List<NoticeRecord> kept = List.copyOf(notices);
    return db.write(c -> {
      List<MessageRecord> added = new ArrayList<>();
      for (HistoryEvent event : copy) {
        // Java 17: no pattern switch; the interface is sealed, so these three are all.
        if (event instanceof HistoryEvent.MessageReceived e) {
          MessageDao.insertIncoming(c, e.message()).ifPresent(added::add);
        } else if (event instanceof HistoryEvent.ReceiptReceived e) {
          applyReceiptEvent(c, e);
        } else if (event instanceof HistoryEvent.MessageRecalled e) {
          MessageDao.recall(c, e.messageId());
        } else {
          throw new IllegalArgumentException("unknown history event: " + event);
        }
      }
      for (MessageRecord m : added) {
        NoticeDao.markUnseen(c, m.localId());
      }
      NoticeDao.keep(c, kept, NoticeBox.MAX_KEPT);
      SyncStateDao.advance(c, newSeq);
      return added;
    }, "store synced events");
  }

  private static void applyReceiptEvent(Connection c, HistoryEvent.ReceiptReceived e)
      throws SQLException {
    if (!e.byMe()) {
      MessageDao.applyReceipt(c, e.peer(), e.kind(), e.upToMessageId());
    } else if (e.kind() == ReceiptKind.READ) {
      ConversationDao.markRead(c, e.peer(), e.upToMessageId());
    }
  }

  // ------------------------------------------------------------------------------------ search

  /**
   * Searches message text (see {@link SearchQuery}): newest first, recalled messages excluded.
   * Queries of 3+ characters use the full-text index; 1-2 characters scan with {@code LIKE}.
   */
  public List<SearchHit> search(SearchQuery query) {
    Objects.requireNonNull(query, "query");
    return db.read(c -> SearchDao.search(c, query), "search messages");
  }

  /** Closes the connection (SQLite checkpoints the WAL). Idempotent. */
  @Override
  public void close() {
    db.close();
  }

  static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE_SIZE + ": " + limit);
    }
  }

  static void checkMessageId(long messageId) {
    if (messageId <= 0) {
      throw new IllegalArgumentException("message id must be positive: " + messageId);
    }
  }
}
