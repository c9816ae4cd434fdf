package im.magpie.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Acknowledged ⇒ survives kill -9" on embedded H2 without writing the store at every commit.
 *
 * <p>H2 runs with a write delay: a commit lands in memory (readers see it at once) and MVStore
 * writes the changed B-tree pages later. Writing them at every commit (WRITE_DELAY=0) was the
 * largest cost of a message: each commit rewrote every page it touched. Durability then comes from
 * one of two places:
 * <ul>
 *   <li>an ordinary transaction that changed something, and an autocommit update, write the store
 *       ({@link #flush}) before Jdbi returns to the caller, so before any answer goes out;</li>
 *   <li>a thread that {@linkplain #journaledThread journals} its own commits (the send writers)
 *       skips that: after a crash its commits are replayed from its journal, and a regular
 *       checkpoint ({@link #flush}, then the journal is cut) keeps the journal short.</li>
 * </ul>
 * Installed by {@link Database} for H2 only; the other databases keep their own commit log.
 */
public final class H2Durability {
    private static final Logger log = LoggerFactory.getLogger(H2Durability.class);
    /**
     * Page copies (mostly garbage already) counted between stores before H2 stores on its own; see
     * {@link #leaveStoresToFlushes}. Measured (docs/benchmarks.md, fourth round): with 64 MB the
     * rate stayed where it was; with 1 GB H2's compaction, whose work is sized from this limit,
     * rewrote far more.
     */
    private static final int UNSAVED_LIMIT = 512 << 20;
    private static final ThreadLocal<Boolean> JOURNALED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final MVStore store;

    private H2Durability(MVStore store) {
        this.store = store;
    }

    /** Takes the store behind {@code connection} and hooks every commit of {@code jdbi} to it. */
    static H2Durability install(Jdbi jdbi, Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        H2Durability durability = new H2Durability(session.getDatabase().getStore().getMvStore());
        durability.leaveStoresToFlushes();
        jdbi.setTransactionHandler(new Flushing(jdbi.getTransactionHandler(), durability));
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void afterExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
                if (ctx.getConnection().getAutoCommit() && !isQuery(ctx.getRenderedSql())) durability.afterCommit();
            }
        });
        return durability;
    }

    /**
     * MVStore also writes the store whenever ~19 MB of page copies are unsaved; under message load
     * that kept it writing far more often than the checkpoints, which undid the write delay. Flushes and the send
     * journal's checkpoints decide instead. H2 takes that limit only from its MVStore builder, which
     * its JDBC URL does not reach, hence reflection; without it H2 merely stores more often.
     */
    private void leaveStoresToFlushes() {
        try {
            java.lang.reflect.Field limit = MVStore.class.getDeclaredField("autoCommitMemory");
            limit.setAccessible(true);
            if (limit.getInt(store) > 0) limit.setInt(store, UNSAVED_LIMIT);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("H2: cannot raise the unsaved-memory limit ({}); the store will be written more often", e.toString());
        }
    }

    /** Marks the calling thread as one whose commits are replayed from a journal after a crash. */
    public static void journaledThread() {
        JOURNALED.set(Boolean.TRUE);
    }

    MVStore mvStore() {
        return store;
    }

    /** Whether the store is a file (an in-memory H2 has nothing to make durable). */
    public boolean persistent() {
        return store.getFileStore() != null;
    }

    /** Writes every change committed so far to the file (waits for a store already running). */
    public void flush() {
        store.commit();
    }

    private void afterCommit() {
        if (!JOURNALED.get()) flush();
    }

    private static boolean isQuery(String sql) {
        String head = sql.stripLeading();
        return head.regionMatches(true, 0, "SELECT", 0, 6) || head.regionMatches(true, 0, "VALUES", 0, 6);
    }

    private static boolean hasChanges(Handle handle) {
        try {
            return ((SessionLocal) handle.getConnection().unwrap(JdbcConnection.class).getSession()).hasPendingTransaction();
        } catch (SQLException | ClassCastException e) {
            return true; // cannot tell: flush
        }
    }

    /** Flushes after the commit of a transaction that changed something. */
    private static final class Flushing extends DelegatingTransactionHandler {
        private final H2Durability durability;

        Flushing(TransactionHandler delegate, H2Durability durability) {
            super(delegate);
            this.durability = durability;
        }

        @Override
        public TransactionHandler specialize(Handle handle) throws SQLException {
            // Jdbi gives each handle a specialised handler; keep the flush around that one too.
            return new Flushing(getDelegate().specialize(handle), durability);
        }

        @Override
        public void commit(Handle handle) {
            boolean changed = hasChanges(handle);
            super.commit(handle);
            if (changed) durability.afterCommit();
        }
    }
}
