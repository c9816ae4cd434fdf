package im.magpie.server.store;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;

/**
 * SQLite's one writer, taken in this process rather than inside SQLite. Transactions begin
 * IMMEDIATE (the URL's {@code transaction_mode}), so each holds the database's write lock from its
 * first statement and none fails half-way on a lock it cannot upgrade; but a transaction that finds
 * the lock taken waits in SQLite's busy handler, which sleeps 1, 2, 5 ... 100 ms between tries,
 * and that sleep would be the latency tail. Here they queue on a Java lock instead and start the
 * moment the previous one commits. Readers outside a transaction do not take it: in WAL mode they
 * read a snapshot while a writer commits.
 */
final class SqliteWriter {
    private SqliteWriter() {}

    static void install(Jdbi jdbi) {
        jdbi.setTransactionHandler(new OneAtATime(jdbi.getTransactionHandler(), new ReentrantLock()));
    }

    private static final class OneAtATime extends DelegatingTransactionHandler {
        private final ReentrantLock lock;

        OneAtATime(TransactionHandler delegate, ReentrantLock lock) {
            super(delegate);
            this.lock = lock;
        }

        @Override
        public TransactionHandler specialize(Handle handle) throws SQLException {
            // Jdbi gives each handle a specialised handler; keep the lock around that one too.
            return new OneAtATime(getDelegate().specialize(handle), lock);
        }

        @Override
        public void begin(Handle handle) {
            lock.lock();
            try {
                super.begin(handle);
            } catch (RuntimeException | Error e) {
                lock.unlock();
                throw e;
            }
        }

        @Override
        public void commit(Handle handle) {
            try {
                super.commit(handle);
            } finally {
                release();
            }
        }

        @Override
        public void rollback(Handle handle) {
            try {
                super.rollback(handle);
            } finally {
                release();
            }
        }

        private void release() {
            if (lock.isHeldByCurrentThread()) lock.unlock();
        }
    }
}
