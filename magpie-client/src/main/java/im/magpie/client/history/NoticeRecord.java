package im.magpie.client.history;

import java.util.Objects;

/**
 * An inbox notice (a friend request or its answer, a group notice, a file offer or answer, a
 * receipt, a recall) kept in the local database until a front end has shown it: see
 * {@link NoticeBox}. The store does not read the payload; the client library decodes it.
 *
 * @param seq the inbox sequence number (unique)
 * @param timeMs the server's time of the notice
 * @param kind what it is, as the client library names it (e.g. {@code FRIEND_REQUEST})
 * @param payload the inbox entry as the server sent it (compared by identity in {@code equals})
 * @param seen whether a front end has shown it
 */
public record NoticeRecord(long seq, long timeMs, String kind, byte[] payload, boolean seen) {
  public NoticeRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    if (seq <= 0) {
      throw new IllegalArgumentException("seq must be positive: " + seq);
    }
  }
}
