package im.magpie.server.account;

import im.magpie.protocol.proto.ErrorCode;
import im.magpie.server.dispatch.MagpieException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Admits password work (register, login, change password: each an Argon2id hash) to the hashing
 * threads fairly. Each connection may have {@code perConnection} such requests in flight and each
 * account {@code perAccount}; more are answered RATE_LIMITED at once. The hashing executor's queue
 * is bounded: when it is full the request is answered UNAVAILABLE with a retry-after at once,
 * instead of waiting behind thousands of others. With one request in flight per connection, the
 * queue holds at most one request of each connection, so one connection pipelining hundreds of
 * requests delays another's login by at most one hash, not by all of its own.
 *
 * <p>Thread-safe; {@link #submit} is called on event loops and never blocks.
 */
public final class HashingGate {
    /** Seconds a client is told to wait when the queue is full (about one queue's worth of hashing). */
    static final int QUEUE_FULL_RETRY_SECONDS = 2;

    private final Executor hashing;
    private final int perConnection;
    private final int perAccount;
    private final Map<Object, Integer> byConnection = new ConcurrentHashMap<>();
    private final Map<String, Integer> byAccount = new ConcurrentHashMap<>();

    /**
     * @param hashing an executor with a bounded queue that rejects when full
     */
    public HashingGate(Executor hashing, int perConnection, int perAccount) {
        this.hashing = hashing;
        this.perConnection = perConnection;
        this.perAccount = perAccount;
    }

    /**
     * Runs {@code work} on the hashing threads if this connection and account are within their
     * quotas and the queue has room; otherwise a future already failed with RATE_LIMITED or
     * UNAVAILABLE (and a retry-after).
     *
     * @param connection identifies the connection (compared by identity)
     * @param account    the account the work is for (canonical username), or "" if none is known
     */
    public <T> CompletableFuture<T> submit(Object connection, String account, Supplier<T> work) {
        if (!acquire(byConnection, connection, perConnection)) {
            return CompletableFuture.failedFuture(MagpieException.rateLimited(1, "account.hashing.busy"));
        }
        boolean countsAccount = !account.isEmpty();
        if (countsAccount && !acquire(byAccount, account, perAccount)) {
            release(byConnection, connection);
            return CompletableFuture.failedFuture(MagpieException.rateLimited(1, "account.hashing.busy"));
        }
        Runnable done = () -> {
            release(byConnection, connection);
            if (countsAccount) release(byAccount, account);
        };
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            hashing.execute(() -> {
                T value;
                try {
                    value = work.get();
                } catch (Throwable t) {
                    done.run();
                    result.completeExceptionally(t);
                    return;
                }
                done.run(); // before the answer leaves, so the client's next request finds its slot free
                result.complete(value);
            });
        } catch (RejectedExecutionException e) {
            done.run();
            return CompletableFuture.failedFuture(new MagpieException(ErrorCode.UNAVAILABLE, QUEUE_FULL_RETRY_SECONDS,
                    "account.hashing.queue_full", QUEUE_FULL_RETRY_SECONDS));
        }
        return result;
    }

    /** Requests in flight for this connection (for tests and metrics). */
    int inFlight(Object connection) {
        return byConnection.getOrDefault(connection, 0);
    }

    private static <K> boolean acquire(Map<K, Integer> counts, K key, int limit) {
        boolean[] admitted = {false};
        counts.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= limit) return n;
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    private static <K> void release(Map<K, Integer> counts, K key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1); // no entry left behind at zero
    }
}
