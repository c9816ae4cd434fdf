package im.magpie.client.history;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How a {@link HistoryStore} is opened. Defaults: {@link #DEFAULT_BUSY_TIMEOUT}, the system UTC
 * clock, random UUIDs.
 *
 * @param busyTimeout how long an operation waits for another connection's lock before failing
 *     with {@link HistoryStoreException.Kind#LOCKED}; 0..1 minute
 * @param clock the time of locally written messages (outbox)
 * @param clientMsgIds generates client message ids
 */
public record HistoryStoreOptions(
    Duration busyTimeout, Clock clock, Supplier<UUID> clientMsgIds) {

  /** Default {@link #busyTimeout}: 5 seconds. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration MAX_BUSY_TIMEOUT = Duration.ofMinutes(1);

  public HistoryStoreOptions {
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(clientMsgIds, "clientMsgIds");
    if (busyTimeout.isNegative() || busyTimeout.compareTo(MAX_BUSY_TIMEOUT) > 0) {
      throw new IllegalArgumentException("busy timeout must be 0.." + MAX_BUSY_TIMEOUT);
    }
  }

  /** The defaults. */
  public static HistoryStoreOptions defaults() {
    return new HistoryStoreOptions(DEFAULT_BUSY_TIMEOUT, Clock.systemUTC(), UUID::randomUUID);
  }

  /** These options with another busy timeout. */
  public HistoryStoreOptions withBusyTimeout(Duration timeout) {
    return new HistoryStoreOptions(timeout, clock, clientMsgIds);
  }

  /** These options with another clock. */
  public HistoryStoreOptions withClock(Clock newClock) {
    return new HistoryStoreOptions(busyTimeout, newClock, clientMsgIds);
  }

  /** These options with another client message id generator. */
  public HistoryStoreOptions withClientMsgIds(Supplier<UUID> ids) {
    return new HistoryStoreOptions(busyTimeout, clock, ids);
  }
}
