package im.magpie.server.store;

import java.sql.SQLException;

/** Portable checks on SQL errors. */
public final class Sql {
    private Sql() {}

    /** True if the failure (or a cause) is a unique/primary-key violation (SQLState 23xxx, not FK). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
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
            if (t.getCause() == t) break;
        }
        return false;
    }
}
