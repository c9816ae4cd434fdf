package im.magpie.server.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Portable checks on SQL errors. */
public final class Sql {
    private Sql() {}

    /** True if the failure (or a cause) is a unique/primary-key violation (SQLState 23xxx, not FK). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // SQLite sets no SQLState; its extended result code names the constraint.
            if (t instanceof SQLiteException lite && (lite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || lite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 23505 (H2, PostgreSQL), 23000 + 1062 (MariaDB duplicate entry)
                if (state.equals("23505") || (state.equals("23000") && sql.getErrorCode() == 1062)) {
                    return true;
                }
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    /**
     * True if the failure (or a cause) is a deadlock or serialization failure (SQLState class 40,
     * e.g. InnoDB gap-lock deadlocks): the whole transaction may simply be run again.
     */
    public static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
            // SQLite: another connection held the write lock longer than busy_timeout.
            if (t instanceof SQLiteException lite && (lite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    /**
     * The ids padded with repeats of the last one to a power-of-two length: an IN list of a few
     * sizes only, so the database and Jdbi reuse their parsed statements (and H2's per-session
     * statement cache, which it walks on every transaction's first write to a table, stays small).
     */
    public static List<Long> paddedToPowerOfTwo(List<Long> ids) {
        int size = powerOfTwoAtLeast(ids.size());
        if (size == ids.size()) return ids;
        List<Long> padded = new ArrayList<>(size);
        padded.addAll(ids);
        while (padded.size() < size) padded.add(ids.get(ids.size() - 1));
        return padded;
    }

    /** The smallest power of two that is at least {@code n} (1 for n at most 1). */
    public static int powerOfTwoAtLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /** "?, ?, ?" with {@code n} markers. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /**
     * A failure of plain JDBC code on the hot paths (which bypass Jdbi), as the unchecked exception
     * Jdbi would have thrown, so callers handle both alike (the SQLException stays the cause).
     */
    public static RuntimeException unchecked(SQLException e) {
        return new UnableToExecuteStatementException(e, null);
    }

    /**
     * Runs {@code transaction} (a whole transaction, e.g. {@code jdbi.inTransaction(...)}) again when
     * it lost a race to a concurrent one: a unique violation from two inserts of the same key, or on
     * InnoDB a deadlock between their gap locks. The next attempt sees the winner's row.
     */
    public static <T> T retryingRaces(int attempts, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (!(isUniqueViolation(e) || isRetryable(e)) || attempt >= attempts) throw e;
            }
        }
    }
}
