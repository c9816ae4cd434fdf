package im.magpie.client.history;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers for the history tests: a manual clock, predictable ids, message builders. */
final class StoreTestSupport {

  static final long ME = 1;
  static final long ALICE = 2;
  static final long BOB = 3;
  static final long GROUP = 100;

  private StoreTestSupport() {}

  /** A clock that only moves when told to. */
  static final class ManualClock extends Clock {
    private volatile long millis;

    ManualClock(long startMillis) {
      this.millis = startMillis;
    }

    void advance(Duration d) {
      millis += d.toMillis();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  /** Options with a manual clock at 1_000_000 ms, UUIDs 00000000-...-000000000001, 2, 3, ... */
  static HistoryStoreOptions options(ManualClock clock) {
    AtomicInteger next = new AtomicInteger();
    return HistoryStoreOptions.defaults()
        .withClock(clock)
        .withBusyTimeout(Duration.ofMillis(200))
        .withClientMsgIds(() -> new UUID(0, next.incrementAndGet()));
  }

  static HistoryStore open(Path dir) {
    return HistoryStore.open(dir.resolve("history.db"), options(new ManualClock(1_000_000)));
  }

  static IncomingMessage fromAlice(long messageId, long timeMs, String text) {
    return IncomingMessage.text(messageId, "c-" + messageId, PeerRef.user(ALICE), ALICE, timeMs,
        text);
  }

  static IncomingMessage inGroup(long messageId, long sender, long timeMs, String text) {
    return IncomingMessage.text(messageId, "g-" + messageId, PeerRef.group(GROUP), sender, timeMs,
        text);
  }
}
