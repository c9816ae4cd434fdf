package im.magpie.server.transport;

import im.magpie.protocol.codec.ByteBudget;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What connections that have not logged in may hold, server-wide: how many per address, and the
 * bytes of frames still arriving that they buffer together ({@link #budget()}, shared by their
 * decoders). A connection is counted from accept until it logs in or closes. Thread-safe.
 */
final class PreLoginGuard {
    private final int maxPerAddress;
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final SharedBudget budget;

    PreLoginGuard(int maxPerAddress, long budgetBytes) {
        this.maxPerAddress = maxPerAddress;
        this.budget = new SharedBudget(budgetBytes);
    }

    /** Counts one more unauthenticated connection from {@code address}; false if it is one too many. */
    boolean admit(String address) {
        boolean[] admitted = {false};
        perAddress.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerAddress) return n;
            admitted[0] = true;
            return count + 1;
        });
        return admitted[0];
    }

    /** The connection admitted from {@code address} logged in or closed. */
    void leave(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    int unauthenticated(String address) {
        return perAddress.getOrDefault(address, 0);
    }

    ByteBudget budget() {
        return budget;
    }

    /** Bytes reserved now by unauthenticated connections' decoders. */
    long bufferedBytes() {
        return budget.used.get();
    }

    private static final class SharedBudget implements ByteBudget {
        private final long limit;
        private final AtomicLong used = new AtomicLong();

        SharedBudget(long limit) {
            this.limit = limit;
        }

        @Override
        public boolean tryReserve(int bytes) {
            long now;
            do {
                now = used.get();
                if (now + bytes > limit) return false;
            } while (!used.compareAndSet(now, now + bytes));
            return true;
        }

        @Override
        public void release(int bytes) {
            used.addAndGet(-bytes);
        }
    }
}
