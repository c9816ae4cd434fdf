package im.magpie.client.history;

import java.util.Objects;

/**
 * One search result.
 *
 * @param message the matching message
 * @param snippet an excerpt of its text around the match, the match wrapped in the query's
 *     highlight markers; may start or end with "…" where text was cut
 */
public record SearchHit(MessageRecord message, String snippet) {

  public SearchHit {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(snippet, "snippet");
  }
}
