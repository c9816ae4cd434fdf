package im.magpie.client.history;

import java.util.Objects;

/**
 * A full-text search over message text: case-insensitive substring match (so Chinese words are
 * found inside sentences without word segmentation), newest first.
 *
 * @param text what to look for, not blank; it is matched as one literal phrase (no operators)
 * @param peer restrict to one conversation, or {@code null} for all
 * @param limit at most this many hits, 1..{@link #MAX_LIMIT}
 * @param highlightStart inserted before each match in {@link SearchHit#snippet()}
 * @param highlightEnd inserted after each match
 */
public record SearchQuery(
    String text, PeerRef peer, int limit, String highlightStart, String highlightEnd) {

  /** Upper bound of {@link #limit}. */
  public static final int MAX_LIMIT = 500;

  /** Default {@link #limit}. */
  public static final int DEFAULT_LIMIT = 50;

  public SearchQuery {
    Objects.requireNonNull(text, "text");
    text = text.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("search text must not be blank");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
    highlightStart = Objects.requireNonNullElse(highlightStart, "");
    highlightEnd = Objects.requireNonNullElse(highlightEnd, "");
  }

  /** Search every conversation, {@value #DEFAULT_LIMIT} hits, matches marked with [ and ]. */
  public static SearchQuery of(String text) {
    return new SearchQuery(text, null, DEFAULT_LIMIT, "[", "]");
  }

  /** This query restricted to one conversation. */
  public SearchQuery in(PeerRef conversation) {
    return new SearchQuery(text, conversation, limit, highlightStart, highlightEnd);
  }

  /** This query with another limit. */
  public SearchQuery limit(int newLimit) {
    return new SearchQuery(text, peer, newLimit, highlightStart, highlightEnd);
  }

  /** This query with other highlight markers (e.g. ANSI escapes for a terminal). */
  public SearchQuery highlight(String start, String end) {
    return new SearchQuery(text, peer, limit, start, end);
  }
}
