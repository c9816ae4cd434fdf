package im.magpie.client.history;

import java.util.Collection;
import java.util.List;

/**
 * What this account has been told but no one has shown it yet: inbox notices (kept with their
 * payload) and messages synced from the inbox, each with a "seen" mark. Any program on the
 * profile may sync (every one-shot command does, quietly); a front end that shows events
 * ({@code magpie receive}, {@code magpie chat}, a desktop window) marks what it showed, so a
 * notice is never used up by a program that did not show it, and is shown once.
 *
 * <p>Notices are stored by {@link HistoryStore#applySyncedEvents(List, List, long)} in the same
 * transaction as the sequence that covers them (a crash loses none). At most {@link #MAX_KEPT}
 * are kept: past it, seen ones go first, then the oldest unseen. Get it from
 * {@link HistoryStore#notices()}. Thread-safe; methods block briefly like the store's.
 */
public final class NoticeBox {

  /** Notices kept, seen or not (an account that never shows them does not grow without end). */
  public static final int MAX_KEPT = 10_000;

  private final Database db;

  NoticeBox(Database db) {
    this.db = db;
  }

  /** Unseen notices, oldest (lowest sequence) first, at most {@code limit}. */
  public List<NoticeRecord> unseen(int limit) {
    HistoryStore.checkLimit(limit);
    return db.read(c -> NoticeDao.unseen(c, limit), "read unseen notices");
  }

  /** Messages synced from the inbox and not yet shown, in the order they were stored. */
  public List<MessageRecord> unseenMessages(int limit) {
    HistoryStore.checkLimit(limit);
    return db.read(c -> NoticeDao.unseenMessages(c, limit), "read unseen messages");
  }

  /**
   * Marks notices (by inbox sequence) and messages (by local row id) seen, in one transaction;
   * ids not kept or already seen are ignored.
   *
   * @return how many changed
   */
  public int markSeen(Collection<Long> noticeSeqs, Collection<Long> messageLocalIds) {
    List<Long> seqs = List.copyOf(noticeSeqs);
    List<Long> ids = List.copyOf(messageLocalIds);
    return db.write(c -> NoticeDao.markSeen(c, seqs) + NoticeDao.markMessagesSeen(c, ids),
        "mark notices seen");
  }
}
