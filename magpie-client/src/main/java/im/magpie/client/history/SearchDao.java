package im.magpie.client.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search: FTS5 {@code trigram} for queries of 3+ characters (substring, case-insensitive,
 * works for Chinese without segmentation); a {@code LIKE} scan for 1-2 characters, which trigram
 * cannot match. Recalled messages have no text and are never found.
 */
final class SearchDao {

  /** Queries shorter than this many code points use the LIKE scan. */
  static final int TRIGRAM_MIN_CHARS = 3;

  /** Characters of context on each side of a LIKE match in the snippet. */
  static final int LIKE_CONTEXT_CHARS = 20;

  /** Tokens in an FTS snippet: the maximum, 64 trigrams, about 66 characters of text. */
  private static final int SNIPPET_TOKENS = 64;

  private SearchDao() {}

  static List<SearchHit> search(Connection c, SearchQuery q) throws SQLException {
    return q.text().codePointCount(0, q.text().length()) < TRIGRAM_MIN_CHARS
        ? likeScan(c, q)
        : fullText(c, q);
  }

  private static List<SearchHit> fullText(Connection c, SearchQuery q) throws SQLException {
    String sql = "SELECT " + MessageDao.COLUMNS
        + ", snippet(messages_fts, 0, ?, ?, '…', " + SNIPPET_TOKENS + ") AS snippet"
        + " FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid"
        + " JOIN conversations conv ON conv.id = m.conversation_id"
        + " WHERE messages_fts MATCH ? AND m.recalled = 0"
        + (q.peer() == null ? "" : " AND conv.peer_kind = ? AND conv.peer_id = ?")
        + " ORDER BY m.time_ms DESC, m.id DESC LIMIT ?";
    List<Object> params = new ArrayList<>(List.of(q.highlightStart(), q.highlightEnd(),
        phrase(q.text())));
    addPeerAndLimit(params, q);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Database.bind(ps, params.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        List<SearchHit> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new SearchHit(MessageDao.read(rs), rs.getString("snippet")));
        }
        return out;
      }
    }
  }

  private static List<SearchHit> likeScan(Connection c, SearchQuery q) throws SQLException {
    String where = "WHERE m.text LIKE ? ESCAPE '\\' AND m.recalled = 0"
        + (q.peer() == null ? "" : " AND conv.peer_kind = ? AND conv.peer_id = ?")
        + " ORDER BY m.time_ms DESC, m.id DESC LIMIT ?";
    List<Object> params = new ArrayList<>(List.of("%" + escapeLike(q.text()) + "%"));
    addPeerAndLimit(params, q);
    List<SearchHit> out = new ArrayList<>();
    for (MessageRecord m : MessageDao.query(c, where, params.toArray())) {
      out.add(new SearchHit(m, snippet(m.text(), q)));
    }
    return out;
  }

  private static void addPeerAndLimit(List<Object> params, SearchQuery q) {
    if (q.peer() != null) {
      params.add(q.peer().kind().name());
      params.add(q.peer().id());
    }
    params.add(q.limit());
  }

  /** The query as one FTS5 string (a phrase): no operator in the user's text is interpreted. */
  static String phrase(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** An excerpt around the first match (ASCII case-insensitive, like SQLite's LIKE). */
  static String snippet(String text, SearchQuery q) {
    String needle = q.text();
    int at = indexOfIgnoreCase(text, needle);
    if (at < 0) {
      return text.length() <= 2 * LIKE_CONTEXT_CHARS ? text
          : text.substring(0, 2 * LIKE_CONTEXT_CHARS) + "…";
    }
    int end = at + needle.length();
    int from = safeIndex(text, Math.max(0, at - LIKE_CONTEXT_CHARS));
    int to = safeIndex(text, Math.min(text.length(), end + LIKE_CONTEXT_CHARS));
    return (from > 0 ? "…" : "") + text.substring(from, at) + q.highlightStart()
        + text.substring(at, end) + q.highlightEnd() + text.substring(end, to)
        + (to < text.length() ? "…" : "");
  }

  private static int indexOfIgnoreCase(String text, String needle) {
    for (int i = 0; i + needle.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  /** Moves an index off the middle of a surrogate pair. */
  private static int safeIndex(String text, int index) {
    if (index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))) {
      return index - 1;
    }
    return index;
  }
}
